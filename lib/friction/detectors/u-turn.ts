import type { Context } from '../context';

/** A page the tab showed, and when it started showing it. */
export interface Visit {
  url: string;
  at: number;
}

/**
 * The tab now shows `url` (a page load or an in-app route). A → B → A with the
 * return within the threshold of leaving A is a U-turn; A → A (a reload) is not
 * a move at all. `visits` keeps the tab's last two distinct pages.
 */
export function uTurn(visits: Visit[], url: string, ts: number, ctx: Context): Visit[] {
  const current = visits[visits.length - 1];
  if (current?.url === url) return visits;
  const previous = visits[visits.length - 2];
  if (current && previous?.url === url && ts - current.at <= ctx.thresholds.uTurn.withinMs) {
    ctx.report('u-turn', ts, 1, String(ts), {
      url,
      away: current.url,
      leftAt: current.at,
      returnedAt: ts,
      awayMs: ts - current.at,
    });
  }
  return [...(current ? [current] : []), { url, at: ts }];
}
