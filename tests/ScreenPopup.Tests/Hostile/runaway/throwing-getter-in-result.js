function popup() { return { get onAnswer() { throw new Error('boom'); } }; }
