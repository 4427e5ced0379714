import type { MenuCommand, OpenRequest } from '../../shared/platform/chorusApi';
import { sceneActions } from '../state/sceneStore';
import { viewActions, viewStore } from '../state/viewStore';
import { videoExportStore } from '../state/videoExportStore';
import { stillActions } from '../state/stillStore';
import { openViewFile, openViewText, saveView, showView } from './viewCommands';
import { openStoryFile, openStoryText } from '../presentation/storyCommands';
import { viewInHash } from '../../shared/view/viewSchema';
import { fromGranted, type ChosenFile } from '../platform/chosenFiles';

/** What the page's commands need from App (they own the analysis client and the presentation). */
export interface AppCommands {
  openDataset(folder: boolean): void;
  openFiles(files: ChosenFile[]): void;
  loadDemo(): void;
  explore(): void;
  present(): void;
}

/**
 * A menu command, carried out as the page's own control does it (each has one: App.tsx and
 * ViewControls). Commands that need a dataset do nothing without one, as their controls are disabled.
 */
export function runMenuCommand(command: MenuCommand, app: AppCommands): void {
  const hasDataset = viewStore.getState().timeline !== null;
  switch (command) {
    case 'open-dataset':
      return app.openDataset(false);
    case 'open-folder':
      return app.openDataset(true);
    case 'load-demo':
      return app.loadDemo();
    case 'open-view':
      return hasDataset ? openViewFile() : undefined;
    case 'save-view':
      return hasDataset ? saveView() : undefined;
    case 'export-image':
      return hasDataset ? stillActions.save() : undefined;
    case 'export-video':
      return hasDataset ? videoExportStore.setState({ open: true }) : undefined;
    case 'open-story':
      return openStoryFile();
    case 'toggle-play':
      return viewActions.togglePlay();
    case 'layout-anatomical':
    case 'layout-functional':
    case 'layout-tuning':
      sceneActions.setLayout(command.slice('layout-'.length) as 'anatomical' | 'functional' | 'tuning');
      return sceneActions.requestFit(true);
    case 'view-single':
    case 'view-split':
    case 'view-difference': {
      const mode = command.slice('view-'.length) as 'single' | 'split' | 'difference';
      // Split and difference compare the task and the passive condition: without both, the view stays single (as the select's options are disabled).
      if (mode === 'single' || viewStore.getState().timeline?.comparison) sceneActions.setViewMode(mode);
      return;
    }
    case 'theme-dark':
    case 'theme-light':
      return sceneActions.setTheme(command === 'theme-dark' ? 'dark' : 'light');
    case 'explore':
      return app.explore();
    case 'present':
      return hasDataset ? app.present() : undefined;
  }
}

/** What main asks the page to open (recent files, the file manager, a second launch, a chorus:// link, a crash reload's notice). */
export async function runOpenRequest(request: OpenRequest, app: AppCommands): Promise<void> {
  switch (request.kind) {
    case 'dataset':
      try {
        return app.openFiles(await fromGranted(request.files));
      } catch (error) {
        return viewActions.setViewNotice({ kind: 'error', title: 'Could not read the dataset', lines: [(error as Error).message] });
      }
    case 'view':
      return openViewText(request.file.name, request.file.text);
    case 'story':
      return void (await openStoryText(request.file.name, request.file.text));
    case 'view-link': {
      const link = viewInHash(request.hash);
      if (!link?.view) return viewActions.setViewNotice({ kind: 'error', title: 'Could not open the chorus:// link', lines: [link?.problem ?? 'it holds no view'] });
      return showView(link.view, 'the chorus:// link');
    }
    case 'problem':
      return viewActions.setViewNotice({ kind: 'error', title: request.title, lines: request.lines });
  }
}
