using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace ScreenPopup.Scripting;

/// <summary>
/// Bounds the built-ins whose single call allocates in proportion to a list: a string's characters taken as elements
/// (<c>Object.keys('x'.repeat(1e6))</c>: 82 MB), an array's elements (<c>Promise.all</c>: about 1 KB each). The engine
/// checks its memory limit only between statements, so such a call is refused before it starts when its elements times
/// what each costs (measured in this engine, rounded up) would pass <see cref="SandboxLimits.MemoryLimitBytes"/>.
/// Installed once per engine (<see cref="SandboxSetup"/>); each refusal is a catchable <c>RangeError</c> whose message
/// starts with <see cref="BuiltIns.RefusalPrefix"/>, reported as <see cref="PopupReason.ScriptLimit"/> when uncaught.
/// </summary>
/// <remarks>
/// The hostile corpus (<c>Hostile/single-call</c>) holds one case per gated built-in and checks that an evaluation allocates
/// at most a few times the memory limit. Output-bound built-ins (<c>toLocaleString</c>, <c>String.raw</c>) are capped by
/// <see cref="StringBuiltIns"/> instead, by the length they would build.
/// </remarks>
internal static class SingleCallLimits
{
    /// <summary>
    /// A gated built-in: where it is, the first argument that is a list (and, with <paramref name="AndAllAfter"/>, every one
    /// after it), and what each element costs; 0 bytes means a list of strings bounded by the length it would build.
    /// </summary>
    /// <remarks>
    /// A gate that <paramref name="Iterates"/> takes its list's elements through the list's iterator: only a string's or an
    /// array's own iterator is counted; another iterable is refused, since its elements come from a native iterator
    /// (<c>s.matchAll(/./g)</c>, <c>s[Symbol.iterator]()</c>) that nothing counts (1 GB and 6 s in one <c>Promise.all</c>).
    /// </remarks>
    /// <remarks>
    /// A gate on <paramref name="Text"/> takes a string: the argument is converted first, as the built-in would convert it,
    /// and its characters counted.
    /// </remarks>
    private readonly record struct Gate(string Owner, string Name, int Argument, int BytesPerElement, bool AndAllAfter = false, bool Iterates = false, bool Text = false);

    private const int First = 0;
    private const int Second = 1;

    private static readonly Gate[] Gates =
    [
        new("Object", "keys", First, 96), new("Object", "values", First, 96), new("Object", "entries", First, 128),
        new("Object", "getOwnPropertyNames", First, 96), new("Object", "getOwnPropertyDescriptors", First, 1024),
        new("Object", "assign", Second, 96, AndAllAfter: true), new("Object", "defineProperties", Second, 96), new("Object", "create", Second, 96),
        new("Object", "freeze", First, 160), new("Object", "seal", First, 160), new("Object", "preventExtensions", First, 160),
        new("Reflect", "ownKeys", First, 96), new("Reflect", "preventExtensions", First, 160),
        new("Promise", "all", First, 1280, Iterates: true), new("Promise", "allSettled", First, 1536, Iterates: true),
        new("Promise", "race", First, 1024, Iterates: true), new("Promise", "any", First, 1280, Iterates: true),
        new("Array", "fromAsync", First, 2048, Iterates: true),
        new("Intl.Segmenter.prototype", "segment", First, 128, Text: true),
        new("Intl.ListFormat.prototype", "format", First, 0, Iterates: true), new("Intl.ListFormat.prototype", "formatToParts", First, 0, Iterates: true),
    ];

    private static readonly JsString LengthKey = new("length");

    /// <summary>
    /// The longest numeric string <c>Intl.NumberFormat</c> formats: its time grows faster than the length, with no limit
    /// checked (65,536 digits 1.2 s, 100,000 over 5 s), and real amounts have a few dozen digits.
    /// </summary>
    private const int MaxNumberText = 1_000;

    private static readonly string[] NumberFormatMethods = ["formatToParts", "formatRange", "formatRangeToParts"];

    /// <summary>The array methods that copy their receiver into a new array of its length.</summary>
    private static readonly string[] CopyingArrayMethods = ["toReversed", "toSorted", "toSpliced", "with"];

    /// <summary>
    /// The longest string <c>BigInt</c> parses: parsing takes time that grows faster than the length, with no limit checked
    /// (a million digits about 1 s, several in one statement seconds; 65,536 binary digits 442 ms).
    /// </summary>
    private const int MaxBigIntText = 10_000;

    /// <summary>What each error of <c>new AggregateError(list)</c> costs: a million characters of a string made 138 MB.</summary>
    private const int AggregateErrorBytesPerElement = 160;

    /// <summary>
    /// The global <c>AggregateError</c> of the sandbox: the original constructed with the caller's <c>new.target</c> (so
    /// subclasses and calls without <c>new</c> behave as the standard says), sharing its prototype, name, length and
    /// prototype chain, after <c>refuse</c> has looked at the list. Written in JavaScript because only script functions are
    /// constructors in Jint; everything it uses is passed in, so no script can change what it calls.
    /// </summary>
    private const string AggregateErrorSource = """
        (function (original, refuse, construct, defineProperty, setPrototypeOf, getPrototypeOf) {
          function AggregateError(errors, message) {
            refuse(errors);
            return construct(original, arguments, new.target || AggregateError);
          }
          defineProperty(AggregateError, 'prototype', { value: original.prototype, writable: false, enumerable: false, configurable: false });
          defineProperty(original.prototype, 'constructor', { value: AggregateError, writable: true, enumerable: false, configurable: true });
          setPrototypeOf(AggregateError, getPrototypeOf(original));
          return AggregateError;
        })
        """;

    /// <summary>Wraps every gated built-in of a new engine.</summary>
    public static void Apply(Engine engine, SandboxLimits limits)
    {
        var rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
        var lists = new ListInspector(engine);
        LimitNumberFormat(engine, rangeError);
        LimitBigInt(engine, rangeError);
        var arrayPrototype = BuiltIns.Prototype(engine, "Array");
        LimitAggregateError(engine, rangeError, lists, limits);
        foreach (var name in CopyingArrayMethods)
        {
            // Jint 4.18 throws a .NET OverflowException past every try/catch for an array of 2^32 - 1 elements.
            BuiltIns.Wrap(engine, arrayPrototype, name, (original, self, args) =>
                self is ArrayInstance array && (long)TypeConverter.ToLength(array.Get(LengthKey)) is var length && length > limits.MaxArrayLength
                    ? throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix + $"{name} would copy {length} elements; the sandbox allows {limits.MaxArrayLength} (Sandbox.MaxArrayLength)")
                    : original.Call(self, args));
        }
        foreach (var gate in Gates)
        {
            var owner = Resolve(engine, gate.Owner);
            // A text gate's built-in checks its receiver before it converts the argument: it is of the class of a new instance.
            var receiverType = gate.Text ? engine.Evaluate($"new {gate.Owner[..^".prototype".Length]}()").GetType() : null;
            BuiltIns.Wrap(engine, owner, gate.Name, (original, self, args) =>
            {
                if (gate.Text)
                {
                    if (self.GetType() != receiverType)
                    {
                        return original.Call(self, args); // the engine's TypeError, before the argument is converted
                    }

                    var text = JsString.Create(TypeConverter.ToString(BuiltIns.Arg(args, gate.Argument)));
                    RefuseTooManyElements(rangeError, gate.Name, "characters", text, gate.BytesPerElement, lists, limits);
                    return original.Call(self, [text]);
                }

                for (var index = gate.Argument; index < (gate.AndAllAfter ? args.Length : gate.Argument + 1); index++)
                {
                    var list = BuiltIns.Arg(args, index);
                    RefuseProxy(rangeError, gate.Name, list, lists);
                    if (gate.Iterates)
                    {
                        RefuseUncountedIterable(rangeError, gate.Name, list, lists);
                    }

                    if (gate.BytesPerElement == 0)
                    {
                        RefuseLongText(rangeError, gate, list, limits.MaxStringLength, limits.MaxArrayLength);
                    }
                    else
                    {
                        RefuseTooManyElements(rangeError, gate.Name, "elements", list, gate.BytesPerElement, lists, limits);
                    }
                }

                return original.Call(self, args);
            });
        }
    }

    /// <summary>
    /// Refuses numeric strings longer than <see cref="MaxNumberText"/> in <c>Intl.NumberFormat</c>'s methods and in the
    /// function its <c>format</c> getter returns (one per formatter, as the standard has it).
    /// </summary>
    private static void LimitNumberFormat(Engine engine, ErrorConstructor rangeError)
    {
        var prototype = Resolve(engine, "Intl.NumberFormat.prototype");
        foreach (var name in NumberFormatMethods)
        {
            BuiltIns.Wrap(engine, prototype, name, (original, self, args) =>
            {
                RefuseLongNumberText(rangeError, name, args);
                return original.Call(self, args);
            });
        }

        var format = prototype.GetOwnProperty("format");
        var getFormat = (Function)format.Get!;
        var formatters = new System.Runtime.CompilerServices.ConditionalWeakTable<JsValue, ClrFunction>();
        var getter = new ClrFunction(engine, "get format", (self, _) =>
        {
            var bound = getFormat.Call(self, []);
            return formatters.GetValue(bound, _ => new ClrFunction(engine, "", (_, args) =>
            {
                RefuseLongNumberText(rangeError, "format", args);
                return engine.Call(bound, JsValue.Undefined, args);
            }, 1, PropertyFlag.Configurable));
        }, 0, PropertyFlag.Configurable);
        prototype.DefineOwnProperty("format", new GetSetPropertyDescriptor(getter, null, enumerable: format.Enumerable, configurable: true));
    }

    /// <summary>
    /// Puts in place of the global <c>BigInt</c> a function that refuses strings longer than <see cref="MaxBigIntText"/>
    /// and is otherwise the same: its <c>prototype</c>, <c>asIntN</c>, <c>asUintN</c>, and <c>BigInt.prototype.constructor</c>
    /// pointing back to it. Like the standard's, it is not a constructor.
    /// </summary>
    private static void LimitBigInt(Engine engine, ErrorConstructor rangeError)
    {
        var original = (Function)engine.Global.Get("BigInt");
        var limited = new ClrFunction(engine, "BigInt", (_, args) =>
        {
            if (BuiltIns.Arg(args, 0) is JsString text && text.Length > MaxBigIntText)
            {
                throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix + $"BigInt of a string of {text.Length} characters; the sandbox allows {MaxBigIntText}");
            }

            return original.Call(JsValue.Undefined, args);
        }, 1, PropertyFlag.Configurable);
        foreach (var name in new[] { "prototype", "asIntN", "asUintN" })
        {
            limited.DefineOwnProperty(name, original.GetOwnProperty(name));
        }

        original.Get("prototype").AsObject().DefineOwnProperty("constructor", new PropertyDescriptor(limited, PropertyFlag.Writable | PropertyFlag.Configurable));
        engine.Global.DefineOwnProperty("BigInt", new PropertyDescriptor(limited, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    /// <summary>
    /// Puts in place of the global <c>AggregateError</c> one that refuses a list whose errors would pass the memory limit
    /// (<see cref="AggregateErrorSource"/>): the constructor copies every element of its list, a string's characters too,
    /// in one statement, and the engine checks its memory limit only between statements.
    /// </summary>
    private static void LimitAggregateError(Engine engine, ErrorConstructor rangeError, ListInspector lists, SandboxLimits limits)
    {
        var refuse = new ClrFunction(engine, "", (_, args) =>
        {
            RefuseProxy(rangeError, "AggregateError", BuiltIns.Arg(args, 0), lists);
            RefuseUncountedIterable(rangeError, "AggregateError", BuiltIns.Arg(args, 0), lists);
            RefuseTooManyElements(rangeError, "AggregateError", "errors", BuiltIns.Arg(args, 0), AggregateErrorBytesPerElement, lists, limits);
            return JsValue.Undefined;
        });
        var reflect = engine.Global.Get("Reflect");
        var objectConstructor = engine.Intrinsics.Object;
        var make = (Function)engine.Evaluate(AggregateErrorSource);
        var limited = engine.Call(make, JsValue.Undefined, [
            engine.Global.Get("AggregateError"), refuse, reflect.Get("construct"), objectConstructor.Get("defineProperty"),
            objectConstructor.Get("setPrototypeOf"), objectConstructor.Get("getPrototypeOf"),
        ]);
        engine.Global.DefineOwnProperty("AggregateError", new PropertyDescriptor(limited, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    private static void RefuseLongNumberText(ErrorConstructor rangeError, string name, JsValue[] args)
    {
        foreach (var arg in args)
        {
            if (arg is JsString text && text.Length > MaxNumberText)
            {
                throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix +
                    $"Intl.NumberFormat {name} of a numeric string of {text.Length} characters; the sandbox allows {MaxNumberText}");
            }
        }
    }

    /// <summary>Refuses a list whose elements times what each costs would pass the memory limit (see <see cref="ListInspector.ElementCount"/>).</summary>
    private static void RefuseTooManyElements(ErrorConstructor rangeError, string name, string elements, JsValue list, int bytesPerElement, ListInspector lists, SandboxLimits limits)
    {
        if (lists.ElementCount(list) is var count && count * bytesPerElement > limits.MemoryLimitBytes)
        {
            throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix +
                $"{name} of {count} {elements} would allocate about {count * bytesPerElement / 1_000_000} MB at once; the sandbox allows {limits.MemoryLimitBytes} bytes (Sandbox.MemoryLimitBytes)");
        }
    }

    /// <summary>
    /// Refuses a <c>Proxy</c> as the list: how many elements it gives is known only by asking it, and asking runs its
    /// traps, which the standard does not (its target, such as a million-character string object, is not counted either).
    /// </summary>
    private static void RefuseProxy(ErrorConstructor rangeError, string name, JsValue list, ListInspector lists)
    {
        if (lists.IsProxy(list))
        {
            throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix +
                $"{name} of a Proxy: the sandbox cannot bound how many elements it takes in one call without running the proxy's traps; pass an array or a plain object");
        }
    }

    /// <summary>Refuses an iterable other than a string, a string object or an array that iterate with their own built-in iterators (see <see cref="Gate"/>).</summary>
    private static void RefuseUncountedIterable(ErrorConstructor rangeError, string name, JsValue list, ListInspector lists)
    {
        if (lists.IsUncountedIterable(list))
        {
            throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix +
                $"{name} of an iterable other than an array or a string: the sandbox cannot bound how many elements it takes in one call; pass an array ([...items])");
        }
    }

    /// <summary>For a list formatter: refuses an array of strings whose total length passes <paramref name="max"/>, the length it would build.</summary>
    private static void RefuseLongText(ErrorConstructor rangeError, Gate gate, JsValue list, int max, int maxElements)
    {
        if (list is JsString characters && characters.Length > maxElements)
        {
            throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix + $"{gate.Name} of a string of {characters.Length} characters would format as many elements; the sandbox allows {maxElements} (Sandbox.MaxArrayLength)");
        }

        if (list is not ArrayInstance array)
        {
            return;
        }

        var total = 0L;
        // Past the longest array a script can fill, a list holds holes, which the formatter refuses at the first one.
        var length = Math.Min(TypeConverter.ToLength(array.Get(LengthKey)), (ulong)maxElements);
        for (uint i = 0; i < length; i++)
        {
            if (array[i] is JsString text && (total += text.Length) > max)
            {
                throw new JavaScriptException(rangeError, BuiltIns.RefusalPrefix + $"{gate.Name} would build a string longer than {max} characters (Sandbox.MaxStringLength)");
            }
        }
    }

    private static ObjectInstance Resolve(Engine engine, string path)
    {
        ObjectInstance owner = engine.Global;
        foreach (var part in path.Split('.'))
        {
            owner = owner.Get(part).AsObject();
        }

        return owner;
    }
}
