import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PresenterView } from './presentation/PresenterView';
import { Kiosk } from './kiosk/Kiosk';
import './styles.css';

// `?presenter`: the speaker's window beside a presentation (presenterChannel.ts), not a second workspace.
const presenter = new URLSearchParams(window.location.search).has('presenter');

// `?render`: driven by `chorus render` in a headless Chromium (video/renderApi.ts), loaded only then.
if (new URLSearchParams(window.location.search).has('render')) void import('./video/renderApi').then((api) => api.installRenderApi());

// `?kiosk`: the museum kiosk (attract loop, visitor mode, idle reset), not the workspace.
const kiosk = new URLSearchParams(window.location.search).has('kiosk');

createRoot(document.getElementById('root')!).render(<StrictMode>{presenter ? <PresenterView /> : kiosk ? <Kiosk /> : <App />}</StrictMode>);
