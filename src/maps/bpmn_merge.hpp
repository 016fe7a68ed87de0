#pragma once

#include <string>

namespace maps {

// A save from the editor applied to the stored version (issue 13). bpmn-js writes back
// only what bpmn-moddle models, so its text alone would lose what other tools put in an
// imported file. The stored document is the base; the edited one decides, element by
// element (matched by id), which modelled elements exist, where they sit, their
// attributes and their text. What the editor cannot carry is kept as stored: elements
// outside the BPMN model (also outside extensionElements), extensionElements, comments,
// attributes of other namespaces and references moddle could not resolve (a prefixed
// QName such as "bpmn2:_id" in an attribute or in an element like outMessageRef).
// Throws core::ValidationError (field "bpmn") when `edited` is not well-formed XML;
// the result still has to pass BpmnDocument::parse.
std::string merge_edit(const std::string& stored, const std::string& edited);

}  // namespace maps
