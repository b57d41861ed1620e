import { create, type StateCreator } from 'zustand';
import { createFrictionSlice, type FrictionSlice } from './friction-slice';
import { createPrivacySlice, type PrivacySlice } from './privacy-slice';
import { createStudiesSlice, type StudiesSlice } from './studies-slice';
import { createTrackersSlice, type TrackersSlice } from './trackers-slice';

/** The options page's one store, made of one slice per section. */
export type OptionsState = PrivacySlice & StudiesSlice & FrictionSlice & TrackersSlice;

export type OptionsSlice<T> = StateCreator<OptionsState, [], [], T>;

export const useOptionsStore = create<OptionsState>()((...a) => ({
  ...createPrivacySlice(...a),
  ...createStudiesSlice(...a),
  ...createFrictionSlice(...a),
  ...createTrackersSlice(...a),
}));
