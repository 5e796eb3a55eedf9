/** Bundled case files for the notebook tests, read from disk, and a case with hostile names. */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateModel, loadCase, type Evaluation, type Model } from "../../engine/index.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const read = (path: string) => readFileSync(join(ROOT, path), "utf-8");

export function model(path: string): Model {
  const v = loadCase(read(path), /\.json$/.test(path) ? "json" : "yaml");
  if (!v.ok) throw new Error(`${path}: ${JSON.stringify(v.issues)}`);
  return v.model;
}

export function evaluate(path: string, overrides?: Record<string, number>): Evaluation {
  return evaluateModel(model(path), overrides);
}

export const CASE_FILES = ["examples/minimal.yaml", "examples/rich.yaml", "examples/ruwaard.yaml", "notebooks/cases/noord.yaml", "notebooks/cases/uden.yaml", "notebooks/cases/ede.yaml"];

export const HOSTILE = "<img src=x onerror=alert(1)>";

/** A valid case whose names, labels and sources are HTML (they must be shown as text). */
export const HOSTILE_CASE = `
id: hostile
title: '${HOSTILE}'
description: '<script>alert(0)</script>'
priceYear: 2024
startYear: 2025
horizon: 3
partners:
  - { id: g, name: '${HOSTILE}', kind: municipality }
  - { id: z, name: '<b>Verzekeraar</b>', kind: insurer }
  - { id: h, name: '<svg onload=alert(4)>', kind: provider }
domains:
  - { id: wmo, name: Wmo, funder: g }
  - { id: zvw, name: Zvw, funder: z, providers: [h] }
parameters:
  n: { value: 100, assumption: true, label: '<script>alert(2)</script>', source: '<a href="javascript:alert(5)">bron</a>' }
investments:
  - { id: i, label: '<img src=y onerror=alert(3)>', bearer: g, domain: wmo, amount: 1000 }
effects:
  - { id: e, label: '<i>Effect</i>', domain: zvw, quantity: n, unitPrice: 50, production: true }
sources: ['<img src=z onerror=alert(6)>']
`;
