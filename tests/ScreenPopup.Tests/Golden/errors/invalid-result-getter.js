function popup() { return { get onAnswer() { while (true) {} } }; }
