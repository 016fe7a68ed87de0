// The side panel: type a step (the brown-paper symbols), its times and note, or
// tie a lane to a unit of the organisation. A standard bpmn-js extension point:
// it listens on the event bus and changes the model through `modeling`.

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

function minutes(value) {
  const n = Number(value);
  return value === '' || !Number.isFinite(n) || n < 0 ? undefined : Math.round(n);
}

export function setupStepPanel(root, modeler) {
  const stepForm = root.querySelector('[data-role="step-form"]');
  const laneForm = root.querySelector('[data-role="lane-form"]');
  const hint = root.querySelector('[data-role="panel-hint"]');
  const modeling = modeler.get('modeling');
  const bpmnFactory = modeler.get('bpmnFactory');
  let current = null;

  function show(element) {
    current = element;
    stepForm.hidden = true;
    laneForm.hidden = true;
    if (hint) hint.hidden = false;
    if (!element) return;
    const bo = element.businessObject;
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
        durationMinutes: bo.get('fremdrift:durationMinutes') ?? '',
        waitingMinutes: bo.get('fremdrift:waitingMinutes') ?? '',
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
    const props = {
      name: f.namedItem('name').value,
      'fremdrift:stepType': f.namedItem('stepType').value || undefined,
      'fremdrift:itSystem': f.namedItem('itSystem').value.trim() || undefined,
      'fremdrift:durationMinutes': minutes(f.namedItem('durationMinutes').value),
      'fremdrift:waitingMinutes': minutes(f.namedItem('waitingMinutes').value),
    };
    if (f.namedItem('kpi')) props['fremdrift:kpi'] = f.namedItem('kpi').checked || undefined;
    if (f.namedItem('beforeGoLive')) props['fremdrift:beforeGoLive'] = f.namedItem('beforeGoLive').value.trim() || undefined;
    const note = f.namedItem('note').value.trim();
    props.documentation = note ? [bpmnFactory.create('bpmn:Documentation', { text: note })] : [];
    modeling.updateProperties(current, props);
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
