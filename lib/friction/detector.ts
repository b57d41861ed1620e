import { createContext, pageUrl, type Context } from './context';
import {
  deadClickAnswered,
  deadClickCandidate,
  deadClickExpire,
  deadClickInput,
  deadClickPosition,
  deadClickPress,
  initialDeadClick,
  type DeadClickState,
} from './detectors/dead-click';
import { errorPage } from './detectors/error-page';
import { failedRequest } from './detectors/failed-request';
import { jsError } from './detectors/js-error';
import { initialRageClick, rageClick, type RageClickState } from './detectors/rage-click';
import { formFieldValidity, type FormErrorState } from './detectors/repeated-form-error';
import { slowPage } from './detectors/slow-page';
import { uTurn, type Visit } from './detectors/u-turn';
import { asObject, observe, type Loose, type Observation } from './observations';
import {
  emptyIndex,
  indexAdds,
  indexSnapshot,
  isBlocked,
  isQuiet,
  type NodeIndex,
} from './page-nodes';
import {
  elementsAdds,
  elementsSnapshot,
  emptyElements,
  type RecordedElements,
} from './recorded-elements';
import type { DetectorInput, Detection, FrictionThresholds } from './types';

/** What the detectors remember of one page load (one segment). */
export interface PageState {
  segmentId: string;
  startedAt: number;
  /** The page's current URL, in-app routes included. */
  href: string;
  nodes: NodeIndex;
  /** The controls the recording holds, to name what a click was on. Absent in states stored before it. */
  elements?: RecordedElements;
  rageClick: RageClickState;
  deadClick: DeadClickState;
  /** js errors and unhandled rejections seen. */
  errors: number;
  slow: boolean;
  errorPage: boolean;
  /** Failed requests reported, as "status:url". */
  requests: string[];
  formErrors: FormErrorState;
}

/**
 * Everything the detectors keep about one browser tab between batches: plain
 * JSON, bounded, so it can be stored after every batch and outlive the worker.
 */
export interface TabState {
  /** The page load being read; null before the tab's first batch. */
  page: PageState | null;
  /** The tab's last two distinct pages (for U-turns). */
  visits: Visit[];
}

export interface FrictionDetector {
  initial(): TabState;
  /** Reads a tab's next batch; never changes `state`, returns the state after it. */
  step(state: TabState, input: DetectorInput): { state: TabState; detections: Detection[] };
}

const ARIA_INVALID = 'aria-invalid';

function openPage(segment: DetectorInput['segment']): PageState {
  return {
    segmentId: segment.id,
    startedAt: segment.startedAt,
    href: segment.url,
    nodes: emptyIndex(),
    elements: emptyElements(),
    rageClick: initialRageClick(),
    deadClick: initialDeadClick(),
    errors: 0,
    slow: false,
    errorPage: false,
    requests: [],
    formErrors: {},
  };
}

/** aria-invalid on every element of a serialized subtree (snapshot or added node). */
function validityInTree(root: Loose, found: (id: number, value: unknown) => void) {
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const attributes = asObject(node.attributes);
    if (typeof node.id === 'number' && attributes && ARIA_INVALID in attributes) {
      found(node.id, attributes[ARIA_INVALID]);
    }
    for (const child of Array.isArray(node.childNodes) ? node.childNodes : []) {
      const childNode = asObject(child);
      if (childNode) stack.push(childNode);
    }
  }
}

/** Per-batch scratch: detections still open to evidence seen later in the batch. */
type OpenDetections = Parameters<typeof jsError>[1] &
  Parameters<typeof slowPage>[1] &
  Parameters<typeof rageClick>[1];

function read(
  tab: TabState,
  page: PageState,
  obs: Observation,
  open: OpenDetections,
  ctx: Context,
): void {
  const field = (nodeId: number, value: unknown) =>
    formFieldValidity(
      page.formErrors,
      { nodeId, name: page.nodes.fields[nodeId], value, ts: obs.ts },
      ctx,
    );
  switch (obs.kind) {
    case 'snapshot':
      indexSnapshot(page.nodes, obs.node, page.href);
      elementsSnapshot((page.elements ??= emptyElements()), obs.node);
      validityInTree(obs.node, field);
      return;
    case 'mutation':
      indexAdds(page.nodes, obs.adds, page.href);
      elementsAdds((page.elements ??= emptyElements()), obs.adds);
      for (const { node } of obs.adds) validityInTree(node, field);
      for (const { id, attributes } of obs.attributes) {
        if (ARIA_INVALID in attributes) field(id, attributes[ARIA_INVALID]);
      }
      if (obs.changed) deadClickAnswered(page.deadClick, obs.ts);
      return;
    case 'reaction':
      deadClickAnswered(page.deadClick, obs.ts);
      return;
    case 'input':
      deadClickInput(page.deadClick);
      return;
    // Clicks on blocked elements (our overlay's among them) are not the page's friction.
    case 'click-signal':
      if (isBlocked(page.nodes, obs.nodeId)) return;
      if (obs.interactive && !isQuiet(page.nodes, obs.nodeId)) {
        deadClickCandidate(page.deadClick, obs.ts, obs.nodeId);
      }
      return;
    case 'press':
      deadClickPress(page.deadClick, obs.ts);
      return;
    case 'click':
      if (isBlocked(page.nodes, obs.nodeId)) return;
      deadClickPosition(page.deadClick, obs.nodeId, obs.x, obs.y);
      rageClick(page.rageClick, open, obs, ctx);
      return;
    case 'request':
      deadClickAnswered(page.deadClick, obs.ts);
      failedRequest(page, obs, ctx);
      return;
    case 'perf':
      slowPage(page, open, obs.metric, obs.value, obs.ts, ctx);
      return;
    case 'page':
      errorPage(page, obs, ctx);
      return;
    case 'location':
      if (obs.url === page.href) return;
      page.href = obs.url;
      deadClickAnswered(page.deadClick, obs.ts);
      tab.visits = uTurn(tab.visits, pageUrl(obs.url), obs.ts, ctx);
      return;
    case 'error':
      jsError(page, open, obs.message, obs.ts, ctx);
      return;
    case 'time':
      return;
  }
}

export function createFrictionDetector(thresholds: FrictionThresholds): FrictionDetector {
  return {
    initial: () => ({ page: null, visits: [] }),
    step(state, input) {
      const { segment } = input;
      const current = state.page;
      // A late batch of a page load the tab has already left: its moment has passed.
      if (current && current.segmentId !== segment.id && segment.startedAt < current.startedAt) {
        return { state, detections: [] };
      }
      const tab = structuredClone(state);
      const detections: Detection[] = [];
      // A new page load. Clicks still waiting on the old page got their answer: it navigated.
      const isNewPage = tab.page?.segmentId !== segment.id;
      const page = isNewPage || !tab.page ? openPage(segment) : tab.page;
      tab.page = page;
      const ctx = createContext(thresholds, page, detections);
      if (isNewPage) tab.visits = uTurn(tab.visits, pageUrl(segment.url), segment.startedAt, ctx);
      const open: OpenDetections = {};
      for (const obs of observe(input.events, input.timeline)) {
        deadClickExpire(page.deadClick, obs.ts, ctx);
        read(tab, page, obs, open, ctx);
      }
      return { state: tab, detections };
    },
  };
}
