import { registerPictureRenderer } from '@/lib/annotations/register-picture-renderer';

registerPictureRenderer();
