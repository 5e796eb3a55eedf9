/**
 * What a zod schema instance says about itself, for the message catalogue (engine/messages):
 * the fields an object schema accepts, so a message can name them. The one place outside the
 * schema definitions that reads zod's internals (test/architecture.test.ts).
 */
export function objectFields(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}
