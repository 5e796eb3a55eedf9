import type { Path } from "../messages/issues.ts";
import type { Effect, Indicator, Investment } from "../case/schema/index.ts";
import type { KeyEnv } from "./keys.ts";

/** What compiling an arrangement needs from validation: reporting, references, formulas. */
export interface ArrangementEnv extends KeyEnv {
  /** The case's investments; `labels`: the label in every language the case file gives (default: the label). */
  investments: readonly (Investment & { labels?: readonly string[] })[];
  /** Effects and indicators an outcome-payments step may price (absent: none can be named). */
  effects?: readonly Effect[];
  indicators?: readonly Indicator[];
  checkDomain: (id: string, path: Path) => void;
  /** Reports a year outside the horizon. */
  inHorizon: (year: number | undefined, path: Path) => void;
  /** A fraction formula, checked to lie in 0..1 at the base evaluation. */
  compileFraction: (src: string | number, path: Path) => import("../case/formula.ts").Compiled | undefined;
}
