/** The little of jsdom the report uses (jsdom ships no types; @types/jsdom would be a dependency for one constructor). */
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string, options?: { url?: string });
    readonly window: Window & typeof globalThis;
  }
}
