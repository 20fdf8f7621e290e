// How many tiles the wall shows without scrolling, and in what grid (issue 15 item 1): up to 16 on a
// 1920×1080 wall screen, and the same 4×4 scaled down on a 1366×768 laptop, each tile still large
// enough for its three vitals in large type. Smaller windows get fewer columns and rows.

export type WallLayout = { columns: number; rows: number; capacity: number };

/** Below these a tile cannot hold its values readably (measured on the page's tile at 1366×768). */
const MIN_TILE_WIDTH_PX = 320;
const MIN_TILE_HEIGHT_PX = 150;
const MAX_COLUMNS = 4;
const MAX_ROWS = 4;

/** `width`, `height`: the space the grid has (the window less the header and the overflow bar). */
export function wallLayout(count: number, width: number, height: number): WallLayout {
  const maxColumns = Math.max(1, Math.min(MAX_COLUMNS, Math.floor(width / MIN_TILE_WIDTH_PX)));
  const maxRows = Math.max(1, Math.min(MAX_ROWS, Math.floor(height / MIN_TILE_HEIGHT_PX)));
  const capacity = maxColumns * maxRows;
  const shown = Math.max(1, Math.min(count, capacity));
  // As square as the screen allows: 2 sessions side by side, 4 as 2×2, 9 as 3×3, 10–16 as 4 columns.
  const columns = Math.min(maxColumns, Math.ceil(Math.sqrt(shown)));
  const rows = Math.min(maxRows, Math.ceil(shown / columns));
  return { columns, rows, capacity };
}
