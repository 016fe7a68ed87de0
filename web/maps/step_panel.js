// The side panel: type a step (the brown-paper symbols), its times and note, or
// tie a lane to a unit of the organisation. A standard bpmn-js extension point:
// it listens on the event bus and changes the model through `modeling`.
import { formatDuration, parseDuration } from './duration.js';

function isStep(element) {
  const type = element.type || '';
  return /^bpmn:(.*Task|Task|SubProcess|CallActivity|.*Gateway|.*Event)$/.test(type) && type !== 'label';
}

function fill(form, values) {
  Object.entries(values).forEach(([name, value]) => {
    const field = form.elements.namedItem(name);
    if (!field) return;
    if (field.type === 'checkbox') field.checked = Boolean(value);
    else field.value = value ?? '';
  });
}

function documentation(bo) {
  const docs = bo.get('documentation') || [];
  return docs.length ? docs[0].text || '' : '';
}

function readJson(text, fallback) {
  try {
    return JSON.parse(text || '');
  } catch {
    return fallback;
  }
}

// The time fields take "2 t", "3 d", "1 uge" (the server's unit words) and show the
// stored minutes back the same way; text that is no time is refused on its field.
function timeFields(root, form) {
  const units = readJson(root.dataset.durationUnits, {});
  const labels = readJson(root.dataset.durationLabels, { week: 'wk', weeks: 'wk', day: 'd', hour: 'h', minute: 'min' });
  const names = ['duration', 'waiting'];
  return {
    show(minutes) {
      return minutes === undefined || minutes === null || minutes === '' ? '' : formatDuration(Number(minutes), labels);
    },
    clearErrors() {
      names.forEach((name) => {
        const field = form.elements.namedItem(name);
        field.removeAttribute('aria-invalid');
        const error = form.querySelector(`[data-error-for="${name}"]`);
        error.hidden = true;
        error.textContent = '';
      });
    },
    // { name: minutes } for every field, or null after marking the refused ones.
    read() {
      const values = {};
      let firstBad = null;
      names.forEach((name) => {
        const field = form.elements.namedItem(name);
        const parsed = parseDuration(field.value, units);
        if (parsed.empty || parsed.minutes !== undefined) {
          values[name] = parsed.minutes;
          return;
        }
        field.setAttribute('aria-invalid', 'true');
        const error = form.querySelector(`[data-error-for="${name}"]`);
        error.textContent = root.dataset.msgTimeinvalid || 'Not a time';
        error.hidden = false;
        firstBad = firstBad || field;
      });
      if (firstBad) firstBad.focus();
      return firstBad ? null : values;
    },
  };
}

export function setupStepPanel(root, modeler) {
  const stepForm = root.querySelector('[data-role="step-form"]');
  const laneForm = root.querySelector('[data-role="lane-form"]');
  const hint = root.querySelector('[data-role="panel-hint"]');
  const modeling = modeler.get('modeling');
  const bpmnFactory = modeler.get('bpmnFactory');
  const times = timeFields(root, stepForm);
  let current = null;

  function show(element) {
    current = element;
    stepForm.hidden = true;
    laneForm.hidden = true;
    if (hint) hint.hidden = false;
    if (!element) return;
    stepForm.parentElement.scrollTop = 0;  // the form opens at the top of the panel
    const bo = element.businessObject;
    times.clearErrors();
    if (element.type === 'bpmn:Lane') {
      const unit = bo.get('fremdrift:laneKind') === 'citizen' ? 'citizen' : bo.get('fremdrift:unitId') || '';
      fill(laneForm, { name: bo.name || '', unit });
      laneForm.hidden = false;
      if (hint) hint.hidden = true;
    } else if (isStep(element)) {
      fill(stepForm, {
        name: bo.name || '',
        stepType: bo.get('fremdrift:stepType') || '',
        itSystem: bo.get('fremdrift:itSystem') || '',
        duration: times.show(bo.get('fremdrift:durationMinutes')),
        waiting: times.show(bo.get('fremdrift:waitingMinutes')),
        note: documentation(bo),
        kpi: bo.get('fremdrift:kpi'),
        beforeGoLive: bo.get('fremdrift:beforeGoLive') || '',
      });
      stepForm.hidden = false;
      if (hint) hint.hidden = true;
    }
  }

  modeler.on('selection.changed', ({ newSelection }) => show(newSelection.length === 1 ? newSelection[0] : null));
  modeler.on('element.changed', ({ element }) => {
    if (current && element.id === current.id && document.activeElement?.form !== stepForm) show(element);
  });

  stepForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current) return;
    const f = stepForm.elements;
    times.clearErrors();
    const minutes = times.read();
    if (!minutes) {
      root.dispatchEvent(new CustomEvent('fremdrift:announce', { detail: 'Timeerror' }));
      return;
    }
    const props = {
      name: f.namedItem('name').value,
      'fremdrift:stepType': f.namedItem('stepType').value || undefined,
      'fremdrift:itSystem': f.namedItem('itSystem').value.trim() || undefined,
      'fremdrift:durationMinutes': minutes.duration,
      'fremdrift:waitingMinutes': minutes.waiting,
    };
    if (f.namedItem('kpi')) props['fremdrift:kpi'] = f.namedItem('kpi').checked || undefined;
    if (f.namedItem('beforeGoLive')) props['fremdrift:beforeGoLive'] = f.namedItem('beforeGoLive').value.trim() || undefined;
    const note = f.namedItem('note').value.trim();
    props.documentation = note ? [bpmnFactory.create('bpmn:Documentation', { text: note })] : [];
    modeling.updateProperties(current, props);
    fill(stepForm, { duration: times.show(minutes.duration), waiting: times.show(minutes.waiting) });
    root.dispatchEvent(new CustomEvent('fremdrift:announce', { detail: 'Applied' }));
  });

  laneForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current) return;
    const unitSelect = laneForm.elements.namedItem('unit');
    const unit = unitSelect.value;
    let name = laneForm.elements.namedItem('name').value;
    if (!name && unit) name = unitSelect.selectedOptions[0].textContent.trim();
    modeling.updateProperties(current, {
      name,
      'fremdrift:unitId': unit && unit !== 'citizen' ? unit : undefined,
      'fremdrift:laneKind': unit === 'citizen' ? 'citizen' : undefined,
    });
  });

  const addLane = root.querySelector('[data-action="add-lane"]');
  if (addLane) {
    addLane.addEventListener('click', () => {
      const registry = modeler.get('elementRegistry');
      const lanes = registry.filter((e) => e.type === 'bpmn:Lane' && e.parent && e.parent.type === 'bpmn:Participant');
      const target = lanes.length ? lanes.reduce((a, b) => (a.y + a.height > b.y + b.height ? a : b))
        : registry.find((e) => e.type === 'bpmn:Participant');
      if (!target) return;
      const lane = modeling.addLane(target, 'bottom');
      modeler.get('selection').select(lane);
      laneForm.elements.namedItem('unit').focus();
    });
  }
}
