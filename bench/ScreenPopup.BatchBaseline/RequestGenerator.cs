using System.Globalization;
using System.Text.Encodings.Web;
using ScreenPopup.Cli.JsonLines;
using ScreenPopup.Serialization;

namespace ScreenPopup.BatchBaseline;

/// <summary>
/// Writes the requests of the batch comparison (<c>generate N FILE.jsonl</c>): the same file for the same N, from a fixed
/// seed. Interactions of service SUPPORT on mixed channels, each a ring, usually an answer, now and then a popup on
/// demand and a hangup, each with a session id of its own: no (session, trigger, agent) repeats, so the tool's
/// duplicate suppression (on by default) suppresses nothing. Caller ids are varied (spaces, <c>+</c>, chat and SIP
/// identities, withheld) and about 1 in 100 is hostile (quotes, <c>&lt;script&gt;</c>, <c>{$ACCESS_TOKEN}</c>, non-ASCII,
/// a forged placeholder mark). Every agent has a USERNAME and an ACCESS_TOKEN; about 1 request in 300 comes without the
/// USERNAME (its placeholder stays pending). Written as a CTI would send them: every variable, UTF-8 unescaped.
/// </summary>
internal static class RequestGenerator
{
    /// <summary>The seed: issue #20.</summary>
    private const int Seed = 20;

    private static readonly string[] Hostile =
    [
        "\"><script>alert(1)</script>",
        "' OR '1'='1",
        "{$ACCESS_TOKEN}",
        "<$USER_PASSWORD>",
        "+39 02 {$USERNAME}",
        "%7B%24ACCESS_TOKEN%7D",
        "Zoë Ünal-Çelik",
        "张伟 +86 10 1234 5678",
        "😀 +39 333 000 0000",
        "a&op=admin#frag",
        "../../admin?x=1",
        "javascript:alert(document.cookie)",
        "O'Brien (mobile)",
        "\u202Egnp.exe",
        "\uE000\uE100forged\uE200\uE001",
        "+39\r\n02 1234",
    ];

    private static readonly string[] Names = ["Giulia Rossi", "Marco Bianchi", "Zoë Ferrari", "Luca Esposito", "Sara Romano", "Jürgen Weiß", "Ana Núñez", "Chiara Colombo"];

    private static readonly string[] Users =
    [
        "mrossi", "g.bianchi", "l.verdi", "a.esposito", "f.romano", "c.colombo", "r.ricci", "m.marino", "s.greco", "b.bruno",
        "g.gallo", "f.conti", "l.deluca", "m.mancini", "e.costa", "g.giordano", "a.rizzo", "l.lombardi", "p.moretti", "d.barbieri",
        "f.fontana", "s.santoro", "m.mariani", "r.rinaldi", "c.caruso", "a.ferrara", "g.galli", "m.martini", "l.leone", "g.longo",
        "f.d'amico", "j.müller", "n.núñez", "o.o'neill", "agent 42", "l.gentile", "m.martinelli", "v.vitale", "l.lombardo", "s.serra",
    ];

    private static readonly string[] Sites = ["ROMA", "MILANO", "TORINO", "NAPOLI"];

    private static readonly string[] NoTabs = [];
    private static readonly string[] CrmTab = ["crm"];
    private static readonly string[] CrmAndMail = ["mail", "crm"];
    private static readonly string[] Ticket = ["ticket 42"];

    /// <summary>Writes <paramref name="count"/> requests to <paramref name="file"/>.</summary>
    /// <returns>The exit code: 0.</returns>
    public static int Write(int count, string file)
    {
        var random = new Random(Seed);
        var agents = Users.Select((user, i) => new AgentVariables
        {
            Username = user,
            SystemUsername = $"PC-{i + 1:D3}\\{user}",
            AccessToken = "eyJhbGciOiJIUzI1NiJ9." + Token(random, 32),
            Pin = random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture),
        }).ToArray();

        var triggers = new List<PopupTrigger>(4);
        var counts = new int[4];
        using (var stream = File.Create(file))
        using (var writer = new JsonLinesWriter(stream, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))
        {
            var written = 0;
            for (var session = 1; written < count; session++)
            {
                var call = Call(random, session);
                var agent = agents[random.Next(agents.Length)];
                triggers.Clear();
                triggers.Add(PopupTrigger.Ring);
                if (random.NextDouble() < 0.8)
                {
                    triggers.Add(PopupTrigger.Answer);
                    if (random.NextDouble() < 0.03)
                    {
                        triggers.Add(PopupTrigger.Demand);
                    }

                    if (random.NextDouble() < 0.05)
                    {
                        triggers.Add(PopupTrigger.Hangup);
                    }
                }

                foreach (var trigger in triggers)
                {
                    if (written == count)
                    {
                        break;
                    }

                    var tabs = random.NextDouble() switch
                    {
                        < 0.45 => NoTabs,
                        < 0.9 => CrmTab,
                        _ => CrmAndMail,
                    };
                    var request = new PopupRequest
                    {
                        Trigger = trigger,
                        Role = PopupRole.Agent,
                        Channel = call.Channel,
                        Call = call.Variables,
                        Agent = random.Next(300) == 0 ? agent with { Username = null } : agent,
                        OpenTabs = tabs,
                    };
                    writer.WriteLine(request, PopupJson.RequestTypeInfo);
                    counts[(int)trigger]++;
                    written++;
                }
            }

            writer.Flush();
        }

        Console.Error.WriteLine($"{file}: {count} requests: {counts[0]} ring, {counts[1]} answer, {counts[2]} hangup, {counts[3]} demand");
        return 0;
    }

    private static (PopupChannel Channel, CallVariables Variables) Call(Random random, int session)
    {
        var channel = random.NextDouble() switch
        {
            < 0.70 => PopupChannel.Phone,
            < 0.85 => PopupChannel.Whatsapp,
            < 0.95 => PopupChannel.Webchat,
            _ => PopupChannel.Video,
        };
        var (prefix, channelId, description) = channel switch
        {
            PopupChannel.Phone => ("ph", "", "Telefono"),
            PopupChannel.Whatsapp => ("wa", "wa-main", "WhatsApp"),
            PopupChannel.Webchat => ("wc", "web-site", "Chat del sito"),
            _ => ("vd", "video-room", "Video"),
        };
        var variables = new CallVariables
        {
            Service = "SUPPORT",
            Cli = random.Next(100) == 0 ? Hostile[random.Next(Hostile.Length)] : Cli(random, channel),
            Dnis = "800100200",
            Skillset = random.Next(4) == 0 ? "support-en" : "support-it",
            CallType = random.NextDouble() switch { < 0.9 => "inbound", < 0.95 => "outbound", _ => "consult" },
            LastCallId = $"c-{session + 7_000_000}",
            OriginSite = Sites[random.Next(Sites.Length)],
            DistributionSite = "MILANO",
            ChannelId = channelId,
            ChannelSessionId = $"{prefix}-{session:D7}",
            ChannelData = channel == PopupChannel.Webchat ? "{\"lang\":\"it\",\"page\":\"/pricing\"}" : "",
            ChannelDescription = description,
            PopupInfo = random.Next(3) == 0 ? Ticket : [],
        };
        return (channel, variables);
    }

    private static string Cli(Random random, PopupChannel channel) => channel switch
    {
        PopupChannel.Whatsapp => "+39" + Digits(random, 10),
        PopupChannel.Webchat => random.Next(2) == 0 ? "visitor-" + Token(random, 8).ToLowerInvariant() : Names[random.Next(Names.Length)],
        PopupChannel.Video => $"sip:{Users[random.Next(Users.Length)].Replace("'", "", StringComparison.Ordinal)}@video.example",
        _ => random.Next(12) switch
        {
            0 => "+39 02 " + Digits(random, 4) + " " + Digits(random, 4),
            1 => "+39 3" + Digits(random, 2) + " " + Digits(random, 3) + " " + Digits(random, 4),
            2 => "02" + Digits(random, 8),
            3 => "3" + Digits(random, 9),
            4 => "+44 20 " + Digits(random, 4) + " " + Digits(random, 4),
            5 => "+1 (212) 555-" + Digits(random, 4),
            6 => random.Next(2) == 0 ? "anonymous" : "",
            _ => "+39" + Digits(random, 10),
        },
    };

    private static string Digits(Random random, int count) => string.Create(count, random, static (target, r) =>
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (char)('0' + r.Next(10));
        }
    });

    private static string Token(Random random, int count) => string.Create(count, random, static (target, r) =>
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = alphabet[r.Next(alphabet.Length)];
        }
    });
}
