/** The offline replay's own layout (rrweb's styles come with the player). */
export const OFFLINE_CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328; background: #f6f7f9; }
body { margin: 0; }
[hidden] { display: none !important; }
.sg-head { padding: 12px 20px; background: #fff; border-bottom: 1px solid #d0d7de; }
.sg-head h1 { margin: 0 0 4px; font-size: 1.25rem; }
.sg-muted { color: #57606a; margin: 0; font-size: 0.875rem; }
.sg-layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 16px; padding: 16px 20px; }
.sg-stage { min-width: 0; }
.sg-picker, .sg-speed { font-size: 0.875rem; }
.sg-picker { display: inline-block; margin-bottom: 8px; }
.sg-screen { position: relative; overflow: hidden; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; min-height: 200px; }
.sg-controls { display: flex; align-items: center; gap: 10px; margin-top: 8px; }
.sg-track { position: relative; flex: 1; }
.sg-track input { width: 100%; margin: 0; }
.sg-ticks { position: absolute; left: 0; right: 0; top: -6px; height: 6px; }
.sg-tick { position: absolute; width: 3px; height: 6px; margin-left: -1px; border-radius: 1px; }
.sg-time { font-variant-numeric: tabular-nums; font-size: 0.875rem; min-width: 7em; text-align: right; }
.sg-button { font: inherit; padding: 4px 14px; border: 1px solid #8c959f; border-radius: 6px; background: #fff; cursor: pointer; }
.sg-button:focus-visible, .sg-marker:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.sg-status { min-height: 1.2em; font-size: 0.875rem; color: #57606a; }
.sg-side h2 { font-size: 1rem; margin: 0 0 8px; }
.sg-markers { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.sg-marker { display: grid; grid-template-columns: 12px 1fr auto; column-gap: 8px; width: 100%; text-align: left; font: inherit; padding: 6px 8px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; cursor: pointer; }
.sg-marker:hover { background: #f3f4f6; }
.sg-swatch { width: 12px; height: 12px; border-radius: 3px; margin-top: 3px; }
.sg-marker__label { font-weight: 600; }
.sg-marker__time { font-variant-numeric: tabular-nums; color: #57606a; }
.sg-marker__meta, .sg-marker__note { grid-column: 2 / 4; font-size: 0.8125rem; color: #57606a; }
.sg-marker__note { color: #1f2328; white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 800px) { .sg-layout { grid-template-columns: 1fr; } }
`;
