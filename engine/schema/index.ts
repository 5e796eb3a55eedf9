export * from "./common.ts";
export * from "./partner.ts";
export * from "./domain.ts";
export * from "./parameter.ts";
export * from "./schedule.ts";
export * from "./investment.ts";
export * from "./effect.ts";
export * from "./case.ts";
