function popup() { var o = { get x() { return this.y; }, get y() { return this.x; } }; return { onAnswer: o.x }; }
