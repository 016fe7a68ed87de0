// Ideas from the workshop ("good idea", "interesting thought", "crazy
// proposal"): pinned to a step as a badge on the map, or to the parking lot.
import { sendJson, errorText } from './api.js';

function badgeHtml(count, title) {
  const span = document.createElement('span');
  span.className = 'idea-badge';
  span.title = title;
  span.textContent = String(count);
  return span;
}

export function setupIdeas(root, modeler, editor) {
  const form = root.querySelector('[data-role="idea-form"]');
  const list = root.querySelector('[data-role="ideas"]');
  const empty = root.querySelector('[data-role="ideas-empty"]');
  if (!form || !list) return;
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  const pinBox = form.elements.namedItem('pin');
  const pinLabel = root.querySelector('[data-role="pin-target"]');
  let selected = null;

  function drawBadges() {
    overlays.remove({ type: 'idea' });
    const byElement = new Map();
    list.querySelectorAll('li[data-element-id]').forEach((li) => {
      const id = li.dataset.elementId;
      if (!id) return;
      const texts = byElement.get(id) || [];
      texts.push(li.dataset.text || li.textContent.trim());
      byElement.set(id, texts);
    });
    byElement.forEach((texts, id) => {
      if (!registry.get(id)) return;
      overlays.add(id, 'idea', { position: { top: -12, right: 12 }, html: badgeHtml(texts.length, texts.join('\n')) });
    });
  }

  modeler.on('selection.changed', ({ newSelection }) => {
    selected = newSelection.length === 1 && newSelection[0].type !== 'bpmn:Lane' && newSelection[0].type !== 'bpmn:Participant'
      ? newSelection[0] : null;
    if (pinBox) {
      pinBox.disabled = !selected;
      pinBox.checked = Boolean(selected);
    }
    if (pinLabel) pinLabel.textContent = selected ? (selected.businessObject.name || selected.id) : '';
  });
  if (pinBox) pinBox.disabled = true;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.elements.namedItem('text').value.trim();
    const kind = form.elements.namedItem('kind').value;
    const body = { kind, text };
    if (pinBox && pinBox.checked && selected) body.element_id = selected.id;
    let savedFirst = false;
    if (body.element_id && editor && editor.isDirty()) {
      await editor.save();
      if (editor.isDirty()) return;  // the save failed or met a conflict: it says why
      savedFirst = true;
    }
    const result = await sendJson('POST', form.dataset.api, body);
    const status = form.querySelector('[data-role="idea-status"]');
    if (!result.ok) {
      status.textContent = errorText(result, status.dataset.failed);
      return;
    }
    // The pin needed the map saved first: a new version the user did not ask for.
    status.textContent = savedFirst
      ? `${status.dataset.added} ${status.dataset.savedFirst.replace('{version}', root.dataset.version)}`
      : status.dataset.added;
    const li = document.createElement('li');
    li.dataset.elementId = result.data.element_id || '';
    li.dataset.text = result.data.text;
    const tag = document.createElement('span');
    tag.className = `tag idea-${result.data.kind}`;
    tag.textContent = form.elements.namedItem('kind').selectedOptions[0].textContent;
    li.append(tag, ' ', result.data.text);
    if (result.data.element_id) {
      const where = document.createElement('span');
      where.className = 'muted';
      where.textContent = ` · ${selected?.businessObject.name || result.data.element_id}`;
      li.append(where);
    }
    list.append(li);
    if (empty) empty.hidden = true;
    form.elements.namedItem('text').value = '';
    drawBadges();
  });

  modeler.on('import.done', drawBadges);
  drawBadges();
}
