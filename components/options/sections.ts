import type { ComponentType } from 'react';
import { FrictionSection } from './FrictionSection';
import { PrivacySection } from './PrivacySection';
import { StudiesSection } from './StudiesSection';
import { TrackersSection } from './TrackersSection';

export interface OptionsSection {
  /** Also the page's URL fragment: options.html#privacy opens that section. */
  id: string;
  label: string;
  Component: ComponentType;
}

/** The options page's sections, in navigation order; the first opens by default. */
export const SECTIONS: OptionsSection[] = [
  { id: 'studies', label: 'Studies', Component: StudiesSection },
  { id: 'privacy', label: 'Privacy', Component: PrivacySection },
  { id: 'friction', label: 'Friction detection', Component: FrictionSection },
  { id: 'trackers', label: 'Trackers', Component: TrackersSection },
];

/** The section a URL fragment names, or the first. */
export function sectionFor(hash: string): OptionsSection {
  const id = hash.replace(/^#/, '');
  return SECTIONS.find((s) => s.id === id) ?? SECTIONS[0]!;
}
