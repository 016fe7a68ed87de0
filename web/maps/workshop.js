// Workshop mode for the 4–6 hour brown-paper session: full screen, large type,
// and quick keyboard entry of steps into a chosen lane.

function laneCenter(lane) {
  return lane.y + lane.height / 2;
}

function lastInLane(registry, lane) {
  const inLane = registry.filter((e) => e.businessObject && e.type !== 'label' && !e.waypoints &&
    /Task|Event|Gateway|SubProcess|CallActivity/.test(e.type) &&
    e.y + e.height / 2 >= lane.y && e.y + e.height / 2 <= lane.y + lane.height);
  return inLane.reduce((a, b) => (!a || b.x > a.x ? b : a), null);
}

function rightmost(registry) {
  return registry.filter((e) => !e.waypoints && e.type !== 'label' &&
    /Task|Event|Gateway|SubProcess|CallActivity/.test(e.type)).reduce((a, b) => (!a || b.x > a.x ? b : a), null);
}

export function setupWorkshop(root, modeler) {
  const toggle = root.querySelector('[data-action="workshop"]');
  const quick = root.querySelector('[data-role="quick-entry"]');
  const registry = modeler.get('elementRegistry');
  const modeling = modeler.get('modeling');
  const factory = modeler.get('elementFactory');
  const selection = modeler.get('selection');
  const canvas = modeler.get('canvas');

  function refreshLanes() {
    const select = quick?.elements.namedItem('lane');
    if (!select) return;
    const keep = select.value;
    select.replaceChildren();
    registry.filter((e) => e.type === 'bpmn:Lane').sort((a, b) => a.y - b.y).forEach((lane) => {
      const option = document.createElement('option');
      option.value = lane.id;
      option.textContent = lane.businessObject.name || lane.id;
      select.append(option);
    });
    if (keep) select.value = keep;
  }

  if (toggle) {
    toggle.addEventListener('click', async () => {
      const on = !document.body.classList.contains('workshop');
      document.body.classList.toggle('workshop', on);
      toggle.setAttribute('aria-pressed', String(on));
      try {
        if (on && document.fullscreenEnabled) await document.documentElement.requestFullscreen();
        if (!on && document.fullscreenElement) await document.exitFullscreen();
      } catch {
        // Full screen refused (e.g. by the browser): large type still applies.
      }
      canvas.resized();
      if (on) quick?.elements.namedItem('text').focus();
    });
  }

  if (!quick) return;
  refreshLanes();
  modeler.on('commandStack.changed', refreshLanes);
  quick.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = quick.elements.namedItem('text').value.trim();
    if (!text) return;
    const lane = registry.get(quick.elements.namedItem('lane').value);
    const stepType = quick.elements.namedItem('stepType').value;
    const participant = registry.find((e) => e.type === 'bpmn:Participant');
    const parent = participant || canvas.getRootElement();
    const chosen = selection.get().find((e) => !e.waypoints && e.type !== 'bpmn:Lane' && e.type !== 'bpmn:Participant');
    const source = chosen || (lane && lastInLane(registry, lane)) || rightmost(registry);
    const type = stepType === 'decision' ? 'bpmn:ExclusiveGateway' : 'bpmn:Task';
    const shape = factory.createShape({ type });
    const x = source ? source.x + source.width + 60 + shape.width / 2 : (participant ? participant.x + 120 : 150);
    const y = lane ? laneCenter(lane) : (source ? source.y + source.height / 2 : 150);
    if (participant && x + shape.width / 2 + 40 > participant.x + participant.width) {
      // The pool grows to the right so the new step stays inside it.
      modeling.resizeShape(participant, {
        x: participant.x, y: participant.y, height: participant.height,
        width: x + shape.width / 2 + 80 - participant.x,
      });
    }
    const created = modeling.createShape(shape, { x, y }, parent);
    const props = { name: text };
    if (stepType && stepType !== 'task') props['fremdrift:stepType'] = stepType;
    modeling.updateProperties(created, props);
    if (source) modeling.connect(source, created);
    selection.select(created);
    quick.elements.namedItem('text').value = '';
    quick.elements.namedItem('text').focus();
  });
}
