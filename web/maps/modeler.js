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

const STEP_TYPES = ['task', 'it_system', 'citizen', 'handover', 'waiting', 'decision', 'document'];

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
  const modeler = new Editor({
    container: root.querySelector('[data-role="canvas"]'),
    moddleExtensions: { fremdrift: fremdriftModdle },
  });
  window.fremdriftModeler = modeler;  // for the browser tests and power users' console

  const loaded = await send('GET', bpmnUrl);
  if (!loaded.ok) {
    announce(root, errorText(loaded, message(root, 'Loadfailed')), 'error');
    return;
  }
  let serverXml = loaded.data;
  await modeler.importXML(serverXml);
  fitReadable(modeler);
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

  setupStepPanel(root, modeler);
  // An idea pinned to a step drawn since the last save needs that step saved first.
  setupIdeas(root, modeler, { isDirty: () => dirty, save: () => save(0) });
  setupWorkshop(root, modeler);
}

// The print view and other read-only places: just draw the map.
async function startViewer(root) {
  const viewer = new NavigatedViewer({
    container: root,
    moddleExtensions: { fremdrift: fremdriftModdle },
  });
  const loaded = await send('GET', root.dataset.bpmnUrl);
  if (!loaded.ok) return;
  await viewer.importXML(loaded.data);
  viewer.get('canvas').zoom('fit-viewport');  // the print view shows it all
  markStepTypes(viewer);
  // Paper is another shape than the screen: fit again when printing.
  const refit = () => {
    viewer.get('canvas').resized();
    viewer.get('canvas').zoom('fit-viewport');
  };
  window.addEventListener('beforeprint', refit);
  window.matchMedia('print').addEventListener('change', refit);
  root.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', () => {
  const editor = document.querySelector('[data-map-editor]');
  if (editor) startEditor(editor).catch((e) => announce(editor, `${message(editor, 'Loadfailed')} (${e.message})`, 'error'));
  document.querySelectorAll('[data-map-viewer]').forEach((el) => startViewer(el));
});
