// Runs in the sandboxed engine and in a plain one alike. `traced(label, target)` is a proxy that writes every operation on
// it to `log` (every read, write, query, call of it or of a method read from it); `check(call, throwAt)` runs a call and
// describes its result and the log, after making the throwAt-th operation throw a Marker instead.
var log = [], steps = 0, throwAt = 0, quiet = false;

function Marker(step) { this.step = step; }

function note(what) {
  if (quiet) {
    return;
  }
  log.push(what);
  if (++steps === throwAt) {
    throw new Marker(steps);
  }
}

function keyName(key) { return typeof key === 'symbol' ? key.toString() : String(key); }

function traced(label, target) {
  var proxy = new Proxy(target, {
    get: function (t, key, receiver) {
      note(label + '.get ' + keyName(key));
      var value = Reflect.get(t, key, receiver === proxy ? t : receiver);
      return typeof value === 'function' && key !== 'constructor' ? tracedMethod(label + '.' + keyName(key), value, t, function () { return proxy; }) : value;
    },
    set: function (t, key, value, receiver) { note(label + '.set ' + keyName(key)); return Reflect.set(t, key, value, receiver === proxy ? t : receiver); },
    has: function (t, key) { note(label + '.has ' + keyName(key)); return Reflect.has(t, key); },
    getOwnPropertyDescriptor: function (t, key) { note(label + '.getOwnPropertyDescriptor ' + keyName(key)); return Reflect.getOwnPropertyDescriptor(t, key); },
    defineProperty: function (t, key, descriptor) { note(label + '.defineProperty ' + keyName(key)); return Reflect.defineProperty(t, key, descriptor); },
    deleteProperty: function (t, key) { note(label + '.deleteProperty ' + keyName(key)); return Reflect.deleteProperty(t, key); },
    ownKeys: function (t) { note(label + '.ownKeys'); return Reflect.ownKeys(t); },
    getPrototypeOf: function (t) { note(label + '.getPrototypeOf'); return Reflect.getPrototypeOf(t); },
    setPrototypeOf: function (t, prototype) { note(label + '.setPrototypeOf'); return Reflect.setPrototypeOf(t, prototype); },
    isExtensible: function (t) { note(label + '.isExtensible'); return Reflect.isExtensible(t); },
    preventExtensions: function (t) { note(label + '.preventExtensions'); return Reflect.preventExtensions(t); },
    apply: function (t, self, args) { note(label + '(' + args.length + ')'); return Reflect.apply(t, self, args); },
    construct: function (t, args, newTarget) { note('new ' + label); return Reflect.construct(t, args, newTarget); }
  });
  return proxy;
}

// A method read from a traced object: the call is written to the log, and runs on the target when called on the proxy, so
// that built-in methods (RegExp.prototype.exec) find their internal slots.
function tracedMethod(label, method, target, proxy) {
  return function () {
    note(label + '(' + arguments.length + ')');
    return method.apply(this === proxy() ? target : this, arguments);
  };
}

function describe(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return typeof value + ' ' + (typeof value === 'symbol' ? value.toString() : String(value));
  }
  if (value instanceof Marker) {
    return 'marker ' + value.step;
  }
  if (value instanceof Error) {
    return 'error ' + value.name;
  }
  try {
    return Object.prototype.toString.call(value) + ' ' + JSON.stringify(value);
  } catch (e) {
    return Object.prototype.toString.call(value);
  }
}

function check(call, at) {
  log = [];
  steps = 0;
  throwAt = at;
  var outcome, value;
  try {
    value = call();
    outcome = 'returned ';
  } catch (e) {
    value = e;
    outcome = 'threw ';
  }
  // Describing the outcome reads it, which is not part of the call.
  quiet = true;
  outcome += describe(value);
  quiet = false;
  throwAt = 0;
  return outcome + ' | ' + log.join(', ');
}
