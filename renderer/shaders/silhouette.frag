#version 450
// Amodal masks: every covered pixel center gets 1.
layout(location = 0) out vec4 outCoverage;
void main() { outCoverage = vec4(1.0); }
