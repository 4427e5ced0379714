import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PresenterView } from './presentation/PresenterView';
import './styles.css';

// `?presenter`: the speaker's window beside a presentation (presenterChannel.ts), not a second workspace.
const presenter = new URLSearchParams(window.location.search).has('presenter');

createRoot(document.getElementById('root')!).render(<StrictMode>{presenter ? <PresenterView /> : <App />}</StrictMode>);
