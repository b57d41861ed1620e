import { createDb } from '@/lib/storage';

/** The review page reads the database directly; every write goes through the background. */
export const reviewDb = createDb();
