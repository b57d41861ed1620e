import { registerPictureRenderer } from '@/lib/annotations/picture-renderer';

registerPictureRenderer();
