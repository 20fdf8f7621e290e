import type { io } from 'socket.io-client';
import type uPlot from 'uplot';

type Vendors = { io: typeof io; uPlot: typeof uPlot };

/** The vendor scripts index.html loads before the page (served from node_modules, never a CDN). */
export const vendors = (): Vendors => window as unknown as Vendors;
