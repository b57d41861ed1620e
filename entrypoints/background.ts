import { defineBackground } from 'wxt/utils/define-background';
import { registerSessionService } from '@/lib/sessions';

export default defineBackground(() => {
  registerSessionService();
});
