import { create, type StateCreator } from 'zustand';
import { createAnnotationsSlice, type AnnotationsSlice } from './annotations-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createFindingsSlice, type FindingsSlice } from './findings-slice';
import { createSelectedSlice, type SelectedSlice } from './selected-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';
import { createStudiesSlice, type StudiesSlice } from './studies-slice';

/** The review page's one store, made of one slice per concern. */
export type ReviewState = SessionsSlice &
  SelectedSlice &
  AnnotationsSlice &
  StudiesSlice &
  FindingsSlice &
  ExportSlice;

export type ReviewSlice<T> = StateCreator<ReviewState, [], [], T>;

export type Notice = { type: 'info' | 'error'; text: string } | null;

export const useReviewStore = create<ReviewState>()((...a) => ({
  ...createSessionsSlice(...a),
  ...createSelectedSlice(...a),
  ...createAnnotationsSlice(...a),
  ...createStudiesSlice(...a),
  ...createFindingsSlice(...a),
  ...createExportSlice(...a),
}));
