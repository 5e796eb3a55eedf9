import { describe, expect, it } from "vitest";
import { irr, npv } from "../../engine/index.ts";

// Reference values from spreadsheet documentation (Microsoft Excel's NPV and IRR help pages).
// Excel's NPV discounts its first value; ours leaves t0 undiscounted, so an Excel flow that
// starts "one year from today" gets a leading 0 here.
describe("npv", () => {
  it("matches Excel's NPV example 1 (10 %, first cost one year out): 1,188.44", () => {
    expect(npv(0.1, [0, -10000, 3000, 4200, 6800])).toBeCloseTo(1188.44, 2);
  });
  it("matches Excel's NPV example 2 (8 %, investment at the start): 1,922.06", () => {
    expect(npv(0.08, [-40000, 8000, 9200, 10000, 12000, 14500])).toBeCloseTo(1922.06, 2);
  });
  it("leaves t0 undiscounted", () => {
    expect(npv(0.5, [123])).toBe(123);
  });
});

describe("irr", () => {
  const flows = [-70000, 12000, 15000, 18000, 21000, 26000];
  it("matches Excel's IRR example: 8.66 % after five years", () => {
    const r = irr(flows);
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(0.0866, 4);
  });
  it("matches Excel's IRR example: -2.12 % after four years", () => {
    const r = irr(flows.slice(0, 5));
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(-0.0212, 4);
  });
  it("matches Excel's IRR example: -44.35 % after two years", () => {
    const r = irr(flows.slice(0, 3));
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(-0.4435, 4);
  });
  it("says there is no IRR when flows do not change sign", () => {
    expect(irr([100, 200])).toEqual({ status: "no-sign-change" });
    expect(irr([-100, -200])).toEqual({ status: "no-sign-change" });
    expect(irr([0, 0])).toEqual({ status: "no-sign-change" });
  });
  it("reports several roots instead of picking one", () => {
    // (1 + r)^-k flows with roots at 10 % and 20 %: -100, 230, -132.
    const r = irr([-100, 230, -132]);
    expect(r.status).toBe("multiple");
    if (r.status === "multiple") {
      expect(r.rates).toHaveLength(2);
      expect(r.rates[0]).toBeCloseTo(0.1, 8);
      expect(r.rates[1]).toBeCloseTo(0.2, 8);
    }
  });
});
