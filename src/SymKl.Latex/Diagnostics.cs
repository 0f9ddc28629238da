namespace SymKl.Latex;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>A repair (Warning) or a failure (Error) at a span of the original input.</summary>
public sealed record LatexDiagnostic(Severity Severity, TextSpan Span, string Code, string Message)
{
    public override string ToString() => (Severity == Severity.Error ? "error " : "warning ") + Code + " " + Span + ": " + Message;
}

/// <summary>
/// Diagnostic ids, described in <see cref="DiagnosticTable"/> (and docs/diagnostics.md). SK0xx are verdicts;
/// SK1xx repairs of damaged input (the tree says what was meant); SK2xx errors (the input could not be read; the
/// tree holds an Error node or a partial result); SK3xx the verifier's remarks; SK4xx the binder's; SK5xx the
/// Markdown reader's; SKGxxx the source generator's; SKAxxx the analyzer's (code checked against a derivation).
/// </summary>
public static class DiagnosticCodes
{
    public const string RefutedStep = "SK001";
    public const string UnsupportedStep = "SK002";
    public const string DerivationWarning = "SK003";
    public const string DocumentFailed = "SK004";

    public const string RepairedFrac = "SK101";              // 'rac{' -> '\frac{'
    public const string RepairedBegin = "SK102";             // 'egin{' -> '\begin{'
    public const string RepairedControlCharacter = "SK103";  // form feed + 'rac' -> '\frac', backspace + 'egin', ...
    public const string MismatchedEnd = "SK104";             // \begin{align} ... \end{split}
    public const string ExponentSignOutsideBraces = "SK105"; // e^-{...} -> e^{-...}
    public const string SpaceAsRowBreak = "SK106";           // '\ ' before '&' inside align -> '\\'
    public const string StrayClosingBracket = "SK107";       // extra ')' before dx or at the end of a row
    public const string MissingClosingBracket = "SK108";     // missing ')' at the end of a row
    public const string Mojibake = "SK109";                  // 'âˆ«' -> '∫'
    public const string MissingDifferential = "SK110";       // \int f(x) without dx
    public const string ScriptTakesOneToken = "SK111";       // x^10 reads as x^1 0
    public const string MissingBackslash = "SK112";          // 'frac{' -> '\frac{'
    public const string UnknownCommand = "SK113";            // \foo read as a symbol
    public const string DashAsMinus = "SK114";               // en dash used as a minus sign
    public const string GluedFunctionName = "SK115";         // 'logx' -> 'log x'
    public const string UnclosedEnvironment = "SK116";       // \begin{align} without \end
    public const string IgnoredAnnotation = "SK117";         // \underset{..}{x} that is not an operator
    public const string IgnoredControlCharacter = "SK118";   // a stray control character
    public const string MarkdownEscape = "SK119";            // x\_1 (escaped for Markdown) read as x_1
    public const string ProseFunctionName = "SK120";         // 'log$x$' -> '$\log x$'
    public const string LogOfScaledExponential = "SK121";    // '\ln \frac{1}{Z} \exp(u)' read as ln of the product
    public const string CapitalAsBigOperator = "SK122";      // '\Sigma_{i=1}^n a_i' read as '\sum_{i=1}^n a_i'
    public const string BareLabel = "SK123";                 // u_{k-1}^a read as u_{k-1}^{(a)} where the text writes that label
    public const string MacroExpansion = "SK129";            // \def\a{\a}: the document's macros loop or explode

    public const string Unexpected = "SK201";                // unexpected token
    public const string ExpectedExpression = "SK202";        // expected an expression after '+'
    public const string UnclosedGroup = "SK203";             // expected '}' to close the group opened at ...
    public const string TooDeep = "SK204";                   // nesting budget exceeded
    public const string UnexpectedEnd = "SK205";             // \end{x} with nothing open
    public const string InvalidCharacter = "SK206";          // a character that is not LaTeX math
    public const string ExpectedArgument = "SK207";          // expected '{' after '\frac'
    public const string DoubleScript = "SK208";              // x^a^b
    public const string NotSingleExpression = "SK209";       // ParseExpression got several rows/items
    public const string UnterminatedArgument = "SK210";      // \text{... without '}'
    public const string TooManyDiagnostics = "SK211";        // more than 200 problems in one block

    public const string UnreadableAssumption = "SK301";      // verifier: an assumption it cannot read
    public const string NotADefinition = "SK302";            // verifier: a define annotation that is not a definition
    public const string DanglingContinuation = "SK303";      // verifier: '= …' with nothing before it
    public const string SamplingStatement = "SK304";         // verifier: x \sim p, nothing to check
    public const string UnreadableDefinition = "SK305";      // verifier: the formula of a definition cannot be bound
    public const string FamilyArity = "SK306";               // verifier: a family with the wrong number of parameters
    public const string UsedBeforeDefinition = "SK311";      // verifier: a name used before the document defines it
    public const string SummandIgnoresIndex = "SK312";       // verifier: a sum whose summand ignores its index
    public const string OwnConvention = "SK319";             // where H(q, p) = \int q \log p: a known name defined its own way

    public const string Unsupported = "SK401";               // binder: a construct the kernel has no node for
    public const string InputError = "SK402";                // binder: the tree holds an error node
    public const string UndefinedFunction = "SK403";         // binder: p(x) read as an application of an undefined function
    public const string LetterRunProduct = "SK404";          // binder: ab read as a·b
    public const string ReadAsProduct = "SK405";             // binder: \sigma(x) read as a product
    public const string InferredVariable = "SK406";          // binder: missing dz / E_q variable inferred from the densities
    public const string BinderInternalError = "SK499";       // binder: a bug, reported, never thrown
    public const string InternalError = "SK299";             // a bug: reported, never thrown

    public const string MarkdownNote = "SK501";              // Markdown: an unclosed $$, math the reader skips

    public const string GeneratorStepFailed = "SKG001";
    public const string GeneratorBadFrontMatter = "SKG002";
    public const string GeneratorResultNotVerified = "SKG003";
    public const string GeneratorCannotEmit = "SKG004";
    public const string GeneratorNote = "SKG005";
    public const string GeneratorUnreadableResult = "SKG006";
    public const string GeneratorDuplicateMethod = "SKG007";
    public const string GeneratorVerifierFailed = "SKG008";

    public const string AnalyzerCodeDiffers = "SKA001";       // analyzer: a method differs from its derivation's result
    public const string AnalyzerCannotRead = "SKA002";        // analyzer: a method body it cannot read or decide
    public const string AnalyzerBadDerivation = "SKA003";     // analyzer: the derivation is unknown, unverified or unmatched
}

/// <summary>Collects diagnostics; can be rolled back for speculative parses and silenced after the parser gives up.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<LatexDiagnostic> _items = new();

    public bool Suppressed { get; set; }

    public int Count => _items.Count;

    public IReadOnlyList<LatexDiagnostic> Items => _items;

    public void Warning(TextSpan span, string code, string message) => Add(Severity.Warning, span, code, message);

    public void Error(TextSpan span, string code, string message) => Add(Severity.Error, span, code, message);

    /// <summary>Garbage input can produce an error per character; past this many, one summary error ends the list.</summary>
    public const int MaxDiagnostics = 200;

    public void Add(Severity severity, TextSpan span, string code, string message)
    {
        if (Suppressed) return;
        if (_items.Count == MaxDiagnostics)
        {
            _items.Add(new LatexDiagnostic(Severity.Error, span, DiagnosticCodes.TooManyDiagnostics,
                "too many problems: the ones after this position are not reported"));
            return;
        }
        if (_items.Count > MaxDiagnostics) return;
        _items.Add(new LatexDiagnostic(severity, span, code, message));
    }

    public void Truncate(int count)
    {
        if (count < _items.Count) _items.RemoveRange(count, _items.Count - count);
    }
}
