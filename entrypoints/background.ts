import { defineBackground } from 'wxt/utils/define-background';
import { registerAnnotationService } from '@/lib/annotations';
import { registerFindings } from '@/lib/findings';
import { registerSessionService } from '@/lib/sessions';
import { createDb } from '@/lib/storage';
import { registerTrackerExport } from '@/lib/tracker-export';

export default defineBackground(() => {
  const db = createDb();
  registerSessionService(db);
  registerAnnotationService(db);
  registerFindings(db);
  registerTrackerExport(db);
});
