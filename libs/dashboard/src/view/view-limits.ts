// Bounds and thresholds of the dashboard view, defined once for the server and the page.

/** The trend covers the last 30 minutes of measured time (the window). */
export const TREND_WINDOW_MS = 30 * 60_000;

/**
 * One trend point per second of measured time: a 1 Hz oximeter fills it exactly (1,800 points);
 * a faster one keeps the newest reading of each second, so the view stays bounded whatever the rate.
 */
export const TREND_BUCKET_MS = 1_000;

/** Four hours of cuff readings at the usual 5-minute interval: longer than any KAP session. */
export const BLOOD_PRESSURE_HISTORY_LIMIT = 48;

export const TIMELINE_LIMIT = 200;

/**
 * A device "stopped sending" when its newest reading reached the server longer ago than this. An
 * oximeter streams at 1 Hz, so 10 s is ten missed readings; a cuff measures every 5 minutes
 * (simulator and clinic routine), so one missed measurement plus 90 s of slack.
 */
export const DEVICE_SILENCE_LIMIT_MS = { oximeter: 10_000, bloodPressureCuff: 6.5 * 60_000 } as const;

/** A gateway clock further off the server's than this is named on the tile's device line. */
export const GATEWAY_CLOCK_NOTE_LIMIT_MS = 30_000;
