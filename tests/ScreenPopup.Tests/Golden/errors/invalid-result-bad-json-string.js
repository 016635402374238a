function popup() { return '{ onAnswer: 1 '; }
