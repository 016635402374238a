using BenchmarkDotNet.Attributes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Microsoft.ClearScript.V8;

namespace ScreenPopup.Benchmarks;

/// <summary>
/// One decision for the reference (and the heavier) script, by every design of the performance issue, in one run:
/// a plain C# baseline, the native provider, the library, a naive fresh Jint engine per evaluation, and ClearScript V8
/// with one reused engine and the same bindings.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private static readonly string[] Names =
    [
        "CALL_SERVIZIO", "CALL_CLI", "CALL_DNIS", "CALL_SKILLSET", "CALL_TIPOCHIAMATA", "CALL_IDLASTCALL", "CALL_SITOORIGINE",
        "CALL_SITODISTRIBUZIONE", "CALL_CHANNELID", "CALL_CHANNELSESSIONID", "CALL_CHANNELDATA", "CALL_CHANNELDESCRIPTION",
    ];

    private PopupEvaluator _library = null!;
    private PopupEvaluator _libraryHeavier = null!;
    private PopupEvaluator _native = null!;
    private Prepared<Acornima.Ast.Script> _reference;
    private Prepared<Acornima.Ast.Script> _heavier;
    private V8ScriptEngine _v8 = null!;
    private dynamic _v8Popup = null!;

    [GlobalSetup]
    public void Setup()
    {
        _library = Scripts.Evaluator(Scripts.Reference);
        _libraryHeavier = Scripts.Evaluator(Scripts.Heavier);
        _native = Scripts.Evaluator(new PopupService { Provider = new ReferenceProvider() });
        _reference = Engine.PrepareScript(Scripts.Reference);
        _heavier = Engine.PrepareScript(Scripts.Heavier);
        _v8 = new V8ScriptEngine();
        _v8.Execute(Scripts.Reference);
        _v8Popup = _v8.Script.popup;
    }

    [GlobalCleanup]
    public void Cleanup() => _v8.Dispose();

    [Benchmark(Baseline = true, Description = "plain C# URL")]
    public string PlainCSharp() =>
        "https://crm.example/contact?cli=" + Uri.EscapeDataString(Scripts.Request.Call.Cli) + "&op=" + Uri.EscapeDataString(Scripts.Request.Agent.Username!);

    [Benchmark(Description = "library, native provider")]
    public PopupDecision NativeProvider() => _native.Evaluate(Scripts.Request);

    [Benchmark(Description = "library, reference script")]
    public PopupDecision Library() => _library.Evaluate(Scripts.Request);

    // With the in-memory store EvaluateAsync completes synchronously (BenchmarkDotNet awaits the ValueTask).
    [Benchmark(Description = "library, reference script, EvaluateAsync")]
    public ValueTask<PopupDecision> LibraryAsync() => _library.EvaluateAsync(Scripts.Request);

    [Benchmark(Description = "naive fresh engine, reference")]
    public string? FreshEngine() => FreshEngineDecision(_reference);

    [Benchmark(Description = "ClearScript V8 reused, reference")]
    public string? ClearScriptV8()
    {
        var call = Scripts.Request.Call;
        string[] values = [call.Service, call.Cli, call.Dnis, call.Skillset, call.CallType, call.LastCallId, call.OriginSite, call.DistributionSite, call.ChannelId, call.ChannelSessionId, call.ChannelData, call.ChannelDescription];
        for (var i = 0; i < Names.Length; i++)
        {
            _v8.Script[Names[i]] = values[i];
        }

        dynamic result = _v8Popup(call.Cli);
        return (string?)result.onAnswer;
    }

    [Benchmark(Description = "library, heavier script")]
    public PopupDecision LibraryHeavier() => _libraryHeavier.Evaluate(Scripts.Request);

    [Benchmark(Description = "naive fresh engine, heavier")]
    public string? FreshEngineHeavier() => FreshEngineDecision(_heavier);

    /// <summary>
    /// The naive design: a new engine per evaluation over the shared prepared script, the same globals and call object, and
    /// the library's default limits (recursion ended by the stack guard, calls not counted).
    /// </summary>
    private static string? FreshEngineDecision(Prepared<Acornima.Ast.Script> script)
    {
        using var engine = new Engine(options =>
        {
            options.MaxStatements(100_000).LimitMemory(16_000_000).TimeoutInterval(TimeSpan.FromMilliseconds(100));
            options.Constraints.StackOverflowGuard = true;
        });
        var call = Scripts.Request.Call;
        string[] values = [call.Service, call.Cli, call.Dnis, call.Skillset, call.CallType, call.LastCallId, call.OriginSite, call.DistributionSite, call.ChannelId, call.ChannelSessionId, call.ChannelData, call.ChannelDescription];
        var callObject = new JsObject(engine);
        for (var i = 0; i < Names.Length; i++)
        {
            engine.SetValue(Names[i], values[i]);
            callObject.Set(Names[i], values[i]);
        }

        var info = new JsArray(engine, [.. call.PopupInfo.Select(x => (JsValue)x)]);
        engine.SetValue("CALL_POPUPINFO", info);
        callObject.Set("CALL_POPUPINFO", info);
        engine.Evaluate(script);
        var result = (ObjectInstance)engine.Invoke("popup", callObject);
        return result.GetOwnProperty("onAnswer").Value.ToString();
    }
}

/// <summary>Start-up costs: a new script's first evaluation, and a 200-service configuration compiled.</summary>
[MemoryDiagnoser]
public class StartupBenchmarks
{
    private int _counter;

    [Benchmark(Description = "cold: compile a new script and evaluate it once")]
    public PopupDecision ColdFirstEvaluation() =>
        Scripts.Evaluator(Scripts.Reference.Replace("crm.example", $"crm{_counter++}.example", StringComparison.Ordinal)).Evaluate(Scripts.Request);

    [Benchmark(Description = "compile a 200-service configuration")]
    public PopupEvaluator Compile200Services()
    {
        var options = new ScreenPopupOptions();
        for (var i = 0; i < 200; i++)
        {
            options.Services[$"S{i}"] = new PopupService { Script = Scripts.Reference.Replace("crm.example", $"crm{i}.example", StringComparison.Ordinal) };
        }

        return PopupEvaluator.Create(options);
    }
}
