import type { DoseRoute } from '@vigil/domain';

// What the simulator needs to know about each route: when effects start and what a plausible
// dose is. Sources: docs/clinical-sources.md §2.1–§2.2.
export type RoutePharmacology = {
  /** Seconds from administration to the first haemodynamic change. */
  onsetSeconds: number;
  /** Plausible dose range in mg for an adult in KAP practice. */
  doseMg: { min: number; max: number };
};

export const ROUTE_PHARMACOLOGY: Readonly<Record<DoseRoute, RoutePharmacology>> = {
  // §2.1: 0.5 mg/kg over 40 min is the reference IV protocol; 50–100 kg adults → 25–50 mg.
  intravenous: { onsetSeconds: 2 * 60, doseMg: { min: 25, max: 50 } },
  // §2.2: peak plasma 5–15 min, clinic onset "within 5 min" [low authority]; 0.5–1 mg/kg.
  intramuscular: { onsetSeconds: 5 * 60, doseMg: { min: 35, max: 90 } },
  // §2.2: Lapidus 2014 used 50 mg racemic; esketamine comes as 56 or 84 mg (§1).
  intranasal: { onsetSeconds: 10 * 60, doseMg: { min: 50, max: 100 } },
  // §2.2: sublingual Tmax ~0.75 h, a KAP clinic reports effects from 15–20 min; lozenges 100–300 mg.
  sublingual: { onsetSeconds: 15 * 60, doseMg: { min: 100, max: 300 } },
  // §2.2: oral Tmax ~0.96 h (later than sublingual); Andrade 2019 fixed doses 25–300 mg.
  oral: { onsetSeconds: 20 * 60, doseMg: { min: 50, max: 300 } },
};
