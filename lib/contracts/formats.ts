/**
 * The files Study Group writes and reads: one owner for their names,
 * versions and extensions, shared by every domain that meets them (an
 * importer tells a participant which file they picked by its `format`).
 */
export const BUNDLE_FORMAT = 'study-group-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.studygroup.json.gz';

export const KIT_FORMAT = 'study-group-kit';
export const KIT_VERSION = 1;
export const KIT_EXTENSION = '.studykit.json';
