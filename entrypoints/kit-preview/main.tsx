import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PreviewFrameApp } from '@/components/options/PreviewFrame';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PreviewFrameApp />
  </StrictMode>,
);
