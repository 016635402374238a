class Many extends AggregateError { constructor(list) { super(list, 'many'); } }
function popup() { var n = new Many(new String('x'.repeat(1e6))).errors.length; return { onAnswer: 'https://x.example/?' + n }; }
