// The workflow-map editor: bpmn-js with fremdrift's typed steps, a side panel,
// workshop mode, ideas pinned to steps, a local draft, and saves that never
// overwrite a newer version silently. All visible text comes from the page.
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import fremdriftModdle from '../bpmn/fremdrift-moddle.json';
import { send, errorText } from './api.js';
import { clearDraft, readDraft, writeDraft } from './draft.js';
import { setupStepPanel } from './step_panel.js';
import { setupIdeas } from './ideas.js';
import { setupWorkshop } from './workshop.js';
import { translateModule } from './translate.js';

const STEP_TYPES = ['task', 'it_system', 'citizen', 'handover', 'waiting', 'decision', 'document'];

// What every viewer and the editor share: fremdrift's step attributes, bpmn-js's own
// texts in the page's language, and step text a size up from bpmn-js's 12 px.
export function diagramOptions(container) {
  return {
    container,
    moddleExtensions: { fremdrift: fremdriftModdle },
    additionalModules: [translateModule(document.documentElement.lang || 'en')],
    textRenderer: { defaultStyle: { fontSize: 13, lineHeight: 1.2 } },
  };
}

// The side panel folds away so the map can have the page's whole width; the choice
// is remembered on this device.
function setupPanelToggle(root, modeler) {
  const toggle = root.querySelector('[data-action="toggle-panel"]');
  if (!toggle) return;
  const apply = (hidden) => {
    root.classList.toggle('panel-hidden', hidden);
    toggle.setAttribute('aria-expanded', String(!hidden));
    toggle.textContent = hidden ? toggle.dataset.show : toggle.dataset.hide;
    modeler.get('canvas').resized();
  };
  let stored = null;
  try { stored = window.localStorage.getItem('fremdrift-map-panel'); } catch { /* no storage */ }
  apply(stored === 'hidden');
  toggle.addEventListener('click', () => {
    const hidden = !root.classList.contains('panel-hidden');
    try { window.localStorage.setItem('fremdrift-map-panel', hidden ? 'hidden' : 'shown'); } catch { /* no storage */ }
    apply(hidden);
  });
}

function message(root, name) {
  return root.dataset[`msg${name}`] || name;
}

function announce(root, text, kind = 'info') {
  const status = root.querySelector('[data-role="status"]');
  if (!status) return;
  status.textContent = text;
  status.dataset.kind = kind;
}

// The blob is typed as plain bytes: a blob address has the page's origin, so an SVG or
// BPMN file (which may carry script from an uploaded map) must never render there.
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

// A long brown-paper map fitted into the window is too small to read: show its
// start at a readable scale instead and let the user pan.
export function fitReadable(viewer, minimum = 0.6) {
  const canvas = viewer.get('canvas');
  const scale = canvas.zoom('fit-viewport', 'auto');
  if (scale >= minimum) return;
  const box = canvas.viewbox();
  canvas.viewbox({ x: box.inner.x - 20, y: box.inner.y - 20, width: box.outer.width / minimum, height: box.outer.height / minimum });
}

// Marks each typed step so the symbols look the same on every map.
export function markStepTypes(viewer) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  registry.forEach((element) => {
    if (element.type === 'label' || !element.businessObject) return;
    STEP_TYPES.forEach((t) => canvas.removeMarker(element, `step-${t}`));
    const type = element.businessObject.get ? element.businessObject.get('fremdrift:stepType') : undefined;
    if (type && STEP_TYPES.includes(type)) canvas.addMarker(element, `step-${type}`);
    if (element.businessObject.get && element.businessObject.get('fremdrift:kpi')) canvas.addMarker(element, 'step-kpi');
  });
}

async function startEditor(root) {
  const mapId = root.dataset.mapId;
  let version = Number(root.dataset.version);
  const readonly = root.dataset.readonly === '1';
  const bpmnUrl = `/api/v1/maps/${mapId}/bpmn`;
  const Editor = readonly ? NavigatedViewer : Modeler;
  const modeler = new Editor(diagramOptions(root.querySelector('[data-role="canvas"]')));
  window.fremdriftModeler = modeler;  // for the browser tests and power users' console

  const loaded = await send('GET', bpmnUrl);
  if (!loaded.ok) {
    announce(root, errorText(loaded, message(root, 'Loadfailed')), 'error');
    return;
  }
  let serverXml = loaded.data;
  await modeler.importXML(serverXml);
  setupPanelToggle(root, modeler);
  fitReadable(modeler, 0.9);
  markStepTypes(modeler);
  // Milliseconds from navigation until the map is drawn (bench/map_open reads it).
  root.dataset.loadedMs = String(Math.round(performance.now()));
  root.querySelector('[data-action="export-svg"]').addEventListener('click', async () => {
    const { svg } = await modeler.saveSVG();
    download(`${root.dataset.fileName || 'map'}.svg`, svg);
  });
  // The stored version as it is kept, not what bpmn-js would write: other tools'
  // content it does not model stays in the file.
  root.querySelector('[data-action="export-bpmn"]').addEventListener('click', async () => {
    const stored = await send('GET', `${bpmnUrl}?version=${version}`);
    if (!stored.ok) {
      announce(root, errorText(stored, message(root, 'Loadfailed')), 'error');
      return;
    }
    download(`${root.dataset.fileName || 'map'}.bpmn`, stored.data);
  });
  if (readonly) return;

  let dirty = false;
  let draftTimer = 0;
  const draftNotice = root.querySelector('[data-role="draft"]');
  const draft = readDraft(mapId);
  if (draft && draft.xml !== serverXml && draftNotice) {
    draftNotice.hidden = false;
    draftNotice.querySelector('[data-role="draft-time"]').textContent = new Date(draft.savedAt).toLocaleString();
    draftNotice.querySelector('[data-action="restore-draft"]').addEventListener('click', async () => {
      await modeler.importXML(draft.xml);
      markStepTypes(modeler);
      dirty = true;
      draftNotice.hidden = true;
      announce(root, message(root, 'Draftrestored'));
    });
    draftNotice.querySelector('[data-action="discard-draft"]').addEventListener('click', () => {
      clearDraft(mapId);
      draftNotice.hidden = true;
    });
  }

  modeler.on('commandStack.changed', () => {
    dirty = true;
    markStepTypes(modeler);
    window.clearTimeout(draftTimer);
    draftTimer = window.setTimeout(async () => {
      const { xml } = await modeler.saveXML({ format: true });
      writeDraft(mapId, version, xml);
      announce(root, message(root, 'Unsaved'));
    }, 400);
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) event.preventDefault();
  });

  const conflict = root.querySelector('[data-role="conflict"]');
  async function save(force) {
    const { xml } = await modeler.saveXML({ format: true });
    const comment = root.querySelector('[name="comment"]');
    announce(root, message(root, 'Saving'));
    const headers = { 'Content-Type': 'application/xml', 'If-Match': `"${force || version}"` };
    const note = comment && comment.value.trim() ? `&comment=${encodeURIComponent(comment.value.trim())}` : '';
    // merge: the server keeps what the stored version holds that bpmn-js does not model.
    const result = await send('PUT', `${bpmnUrl}?merge=true${note}`, xml, headers);
    if (result.status === 409) {
      conflict.hidden = false;
      conflict.dataset.current = String(result.data.error.current.version);
      conflict.querySelector('[data-action="overwrite"]').focus();
      announce(root, message(root, 'Conflict'), 'error');
      return;
    }
    if (!result.ok) {
      announce(root, errorText(result, message(root, 'Savefailed')), 'error');
      return;
    }
    version = result.data.version;
    root.dataset.version = String(version);
    serverXml = xml;
    dirty = false;
    clearDraft(mapId);
    if (comment) comment.value = '';
    conflict.hidden = true;
    announce(root, `${message(root, 'Saved')} ${version}`);
    document.dispatchEvent(new CustomEvent('map-saved', { detail: { version, metrics: result.data.metrics } }));
  }
  root.querySelector('[data-action="save"]').addEventListener('click', () => save(0));
  conflict.querySelector('[data-action="overwrite"]').addEventListener('click', () => save(Number(conflict.dataset.current)));
  conflict.querySelector('[data-action="load-newest"]').addEventListener('click', async () => {
    const { xml } = await modeler.saveXML({ format: true });
    writeDraft(mapId, version, xml);  // theirs on screen, mine still restorable
    window.location.reload();
  });

  root.addEventListener('fremdrift:announce', ({ detail }) => {
    if (root.dataset[`msg${detail}`]) announce(root, message(root, detail), detail.endsWith('error') ? 'error' : 'info');
  });
  setupStepPanel(root, modeler);
  // An idea pinned to a step drawn since the last save needs that step saved first.
  setupIdeas(root, modeler, { isDirty: () => dirty, save: () => save(0) });
  setupWorkshop(root, modeler);
}

// A viewer as high as its map needs at the viewer's width (within limits), so a long,
// low map leaves no empty half of the screen.
function fitHeight(viewer, root) {
  const inner = viewer.get('canvas').viewbox().inner;
  if (!inner.width) return;
  const wanted = (root.clientWidth * inner.height) / inner.width + 40;
  root.style.height = `${Math.round(Math.min(Math.max(wanted, 240), window.innerHeight * 0.75))}px`;
  viewer.get('canvas').resized();
}

// The print view and other read-only places: just draw the map.
async function startViewer(root) {
  const viewer = new NavigatedViewer(diagramOptions(root));
  const loaded = await send('GET', root.dataset.bpmnUrl);
  if (!loaded.ok) return;
  await viewer.importXML(loaded.data);
  if (root.dataset.fitHeight !== undefined) fitHeight(viewer, root);
  viewer.get('canvas').zoom('fit-viewport');  // the print view shows it all
  markStepTypes(viewer);
  // Paper is another shape than the screen: fit again when printing.
  const refit = () => {
    if (root.dataset.fitHeight !== undefined) fitHeight(viewer, root);
    viewer.get('canvas').resized();
    viewer.get('canvas').zoom('fit-viewport');
  };
  document.addEventListener('maps-relayout', refit);
  window.addEventListener('beforeprint', refit);
  window.matchMedia('print').addEventListener('change', refit);
  root.dataset.ready = '1';
}

// Side by side, long maps get small: they can also be shown one above the other, each
// with the page's width (remembered on this device).
function setupStacking() {
  const toggle = document.querySelector('[data-action="stack-maps"]');
  const layout = document.querySelector('.side-by-side');
  if (!toggle || !layout) return;
  const apply = (stacked) => {
    layout.classList.toggle('stacked', stacked);
    toggle.setAttribute('aria-pressed', String(stacked));
    document.dispatchEvent(new CustomEvent('maps-relayout'));
  };
  let stored = null;
  try { stored = window.localStorage.getItem('fremdrift-maps-stacked'); } catch { /* no storage */ }
  if (stored === '1') layout.classList.add('stacked');
  toggle.setAttribute('aria-pressed', String(stored === '1'));
  toggle.addEventListener('click', () => {
    const stacked = !layout.classList.contains('stacked');
    try { window.localStorage.setItem('fremdrift-maps-stacked', stacked ? '1' : '0'); } catch { /* no storage */ }
    apply(stacked);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  setupStacking();
  const editor = document.querySelector('[data-map-editor]');
  if (editor) startEditor(editor).catch((e) => announce(editor, `${message(editor, 'Loadfailed')} (${e.message})`, 'error'));
  document.querySelectorAll('[data-map-viewer]').forEach((el) => startViewer(el));
});
