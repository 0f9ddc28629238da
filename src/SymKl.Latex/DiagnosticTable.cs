namespace SymKl.Latex;

/// <summary>How serious a diagnostic is by default (SARIF's levels; GitHub's error / warning / notice).</summary>
public enum DiagnosticLevel
{
    Error,
    Warning,
    Note,
}

/// <summary>
/// One diagnostic SymKl can report: its id (SK…, SKG…, SKA…), a short title, the default level, what it means
/// and what to do, and a small example. docs/diagnostics.md and the SARIF rules are written from these.
/// </summary>
public sealed record DiagnosticDescriptor(string Id, string Name, string Title, DiagnosticLevel Level, string Help, string Example)
{
    /// <summary>The anchor of this diagnostic's section in docs/diagnostics.md.</summary>
    public string Anchor => Id.ToLowerInvariant();

    /// <summary>The help page, relative to the repository root.</summary>
    public string HelpUri => DiagnosticTable.HelpPage + "#" + Anchor;
}

/// <summary>
/// Every diagnostic of the product, in one table: the parser's repairs (SK1xx) and errors (SK2xx), the binder's
/// remarks (SK4xx), the Markdown reader's notes (SK5xx), the verifier's verdicts (SK0xx) and remarks (SK3xx), and
/// the source generator's (SKG). Code refers to ids through <see cref="DiagnosticCodes"/>; a test checks that no
/// id is used that this table does not describe.
/// </summary>
public static class DiagnosticTable
{
    /// <summary>Where the help lives, relative to the repository root.</summary>
    public const string HelpPage = "docs/diagnostics.md";

    private static DiagnosticDescriptor D(string id, string name, string title, DiagnosticLevel level, string help, string example) =>
        new(id, name, title, level, help, example);

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        // ------------------------------------------------------------------ verdicts
        D(DiagnosticCodes.RefutedStep, "RefutedStep", "A step is refuted", DiagnosticLevel.Error,
            "SymKl found parameter values at which the two sides differ (or, for an inequality, at which it fails). The report gives the values and both sides there. Fix the step, or state the condition under which it holds as an assumption.",
            "$$\\log(a + b) = \\log a + \\log b$$  →  refuted at a = 1, b = 1 (lhs = 0.693, rhs = 0)"),
        D(DiagnosticCodes.UnsupportedStep, "UnsupportedStep", "A step could not be decided", DiagnosticLevel.Warning,
            "SymKl could neither prove nor confirm nor refute the step, and says why (notation it cannot read, an integral it cannot evaluate, too few points where both sides are defined, a budget exceeded). With --strict this is an error.",
            "$$\\frac{\\partial^3}{\\partial x \\partial y \\partial z} f = g$$ with f and g undefined  →  unsupported"),
        D(DiagnosticCodes.DerivationWarning, "DerivationWarning", "A warning about the derivation", DiagnosticLevel.Warning,
            "A remark that has no more specific id: a repair made or a claim that looks suspicious.",
            ""),
        D(DiagnosticCodes.DocumentFailed, "DocumentFailed", "A document could not be checked", DiagnosticLevel.Error,
            "Reading or verifying this document failed (an unreadable file, or an internal error). The rest of the batch is still checked; the exit code is 2 for unreadable input and 3 for an internal error.",
            "a file that is not UTF-8 text"),

        // ------------------------------------------------------------------ repairs of damaged input
        D(DiagnosticCodes.RepairedFrac, "RepairedFrac", "'rac{' read as '\\frac{'", DiagnosticLevel.Note,
            "Text extracted from a PDF or pasted through a JSON string lost the '\\f' of '\\frac' (a form feed). The step is checked as repaired.",
            "rac{1}{2} \\sigma^2"),
        D(DiagnosticCodes.RepairedBegin, "RepairedBegin", "'egin{' read as '\\begin{'", DiagnosticLevel.Note,
            "The '\\b' of '\\begin' was eaten as a backspace. The environment is read as intended.",
            "egin{aligned} a &= b \\end{aligned}"),
        D(DiagnosticCodes.RepairedControlCharacter, "RepairedControlCharacter", "A control character read as the command it destroyed", DiagnosticLevel.Note,
            "A control character (form feed, backspace, tab, ...) stands where a backslash sequence was; it is read as the command.",
            "<FF>rac{a}{b}"),
        D(DiagnosticCodes.MismatchedEnd, "MismatchedEnd", "\\end does not match its \\begin", DiagnosticLevel.Note,
            "The environment is closed by the \\end that was meant.",
            "\\begin{align} a &= b \\end{split}"),
        D(DiagnosticCodes.ExponentSignOutsideBraces, "ExponentSignOutsideBraces", "'e^-{…}' read as 'e^{-…}'", DiagnosticLevel.Note,
            "A minus sign before the braces of an exponent is moved inside them, which is what the author meant.",
            "e^-{x^2/2}"),
        D(DiagnosticCodes.SpaceAsRowBreak, "SpaceAsRowBreak", "'\\ ' read as a row break", DiagnosticLevel.Note,
            "In an alignment, '\\ ' before '&' is a '\\\\' that lost a backslash.",
            "a &= b \\ &= c"),
        D(DiagnosticCodes.StrayClosingBracket, "StrayClosingBracket", "An extra closing bracket is ignored", DiagnosticLevel.Note,
            "A ')' with no opening partner before dx or at the end of a row is dropped.",
            "\\int f(x)) dx"),
        D(DiagnosticCodes.MissingClosingBracket, "MissingClosingBracket", "A missing closing bracket is supplied", DiagnosticLevel.Note,
            "A '(' left open at the end of a row is closed there.",
            "\\log(1 + x"),
        D(DiagnosticCodes.Mojibake, "Mojibake", "Mojibake read as the character it was", DiagnosticLevel.Note,
            "UTF-8 decoded as Windows-1252 ('âˆ«' for '∫') is read as the original character.",
            "âˆ« p(x) dx"),
        D(DiagnosticCodes.MissingDifferential, "MissingDifferential", "An integral without its differential", DiagnosticLevel.Note,
            "The variable of integration is inferred from the densities in the integrand.",
            "\\int p(x) \\log p(x)"),
        D(DiagnosticCodes.ScriptTakesOneToken, "ScriptTakesOneToken", "A script takes one token", DiagnosticLevel.Warning,
            "In LaTeX x^10 is x^1 followed by 0; SymKl reads it as LaTeX does and warns, since x^{10} was probably meant.",
            "x^10"),
        D(DiagnosticCodes.MissingBackslash, "MissingBackslash", "A command without its backslash", DiagnosticLevel.Note,
            "'frac{' and similar command names without '\\' are read as the command.",
            "frac{1}{2}"),
        D(DiagnosticCodes.UnknownCommand, "UnknownCommand", "An unknown command read as a symbol", DiagnosticLevel.Warning,
            "A command SymKl does not know is read as an opaque symbol; a step whose truth depends on it is not refuted.",
            "\\foo(x)"),
        D(DiagnosticCodes.DashAsMinus, "DashAsMinus", "A dash read as a minus sign", DiagnosticLevel.Note,
            "An en or em dash between terms is read as '-'.",
            "a – b"),
        D(DiagnosticCodes.GluedFunctionName, "GluedFunctionName", "A function name glued to its argument", DiagnosticLevel.Note,
            "'logx' is read as '\\log x'.",
            "logx"),
        D(DiagnosticCodes.UnclosedEnvironment, "UnclosedEnvironment", "An environment is never closed", DiagnosticLevel.Note,
            "\\begin{…} without \\end is closed at the end of the math.",
            "\\begin{align} a &= b"),
        D(DiagnosticCodes.IgnoredAnnotation, "IgnoredAnnotation", "A decoration is ignored", DiagnosticLevel.Note,
            "\\underset or \\overset over something that is not an operator is read as its base.",
            "\\underset{\\text{def}}{=}"),
        D(DiagnosticCodes.IgnoredControlCharacter, "IgnoredControlCharacter", "A stray control character is ignored", DiagnosticLevel.Note,
            "A control character that stands for nothing is skipped.",
            "a <BEL> + b"),
        D(DiagnosticCodes.MarkdownEscape, "MarkdownEscape", "A Markdown escape inside math is undone", DiagnosticLevel.Note,
            "kramdown and Jekyll posts escape '_' and '*' inside math (x\\_1); SymKl reads x_1 as the author meant and says so.",
            "$x\\_1 + x\\_2$"),
        D(DiagnosticCodes.ProseFunctionName, "ProseFunctionName", "A function name before the math belongs to it", DiagnosticLevel.Note,
            "'log$x$': the name typed outside the dollars is read as part of the formula.",
            "log$\\frac{p}{q} = …$"),
        D(DiagnosticCodes.LogOfScaledExponential, "LogOfScaledExponential", "A function of a fraction times an exponential", DiagnosticLevel.Note,
            "'\\ln \\frac{1}{Z} \\exp(u)' is read as ln((1/Z)·exp(u)), like '\\ln \\frac{1}{Z} e^{u}': a normalised exponential, not ln(1/Z)·exp(u).",
            "\\ln \\frac{1}{\\sqrt{2\\pi}} \\exp(-x^2/2)"),
        D(DiagnosticCodes.CapitalAsBigOperator, "CapitalAsBigOperator", "A capital Sigma or Pi used as a summation or product sign", DiagnosticLevel.Note,
            "'\\Sigma_{i=1}^{n} a_i' (a capital Sigma with an index range below and a limit above) is read as '\\sum_{i=1}^{n} a_i', and '\\Pi_{k=1}^{K}' as '\\prod_{k=1}^{K}'; a Sigma with any other subscript stays a name.",
            "\\mathrm{tr}(A) = \\Sigma_{i=1}^{n} A_{ii}"),
        D(DiagnosticCodes.BareLabel, "BareLabel", "A label written without its parentheses", DiagnosticLevel.Note,
            "A text that labels a quantity with a letter in parentheses over a subscripted name (u_k^{(a)}, \\xi_k^{(p)}) and elsewhere writes the same letter over the same name without them (u_{k-1}^a) means the label, not a power: it is read as u_{k-1}^{(a)}. T (a transpose) is never read so.",
            "u_k^{(a)} = u_k^{(b)} + K_k d_k, … M_{k-1} u_{k-1}^a"),
        D(DiagnosticCodes.MacroExpansion, "MacroExpansion", "The document's macros cannot be expanded", DiagnosticLevel.Warning,
            "The document defines LaTeX macros (\\newcommand, \\def, \\DeclareMathOperator) that SymKl expands before reading the math. A macro that expands into itself, or math that grows beyond 16 times its length, is read unexpanded.",
            "\\def\\a{\\a + 1} … $\\a = 2$"),

        // ------------------------------------------------------------------ unreadable input
        D(DiagnosticCodes.Unexpected, "Unexpected", "An unexpected token", DiagnosticLevel.Error,
            "The math cannot be read at this token; the statement is unsupported.",
            "a + * b"),
        D(DiagnosticCodes.ExpectedExpression, "ExpectedExpression", "An expression is missing", DiagnosticLevel.Error,
            "An operator has nothing after it.",
            "a +"),
        D(DiagnosticCodes.UnclosedGroup, "UnclosedGroup", "A group is not closed", DiagnosticLevel.Error,
            "A '{' or '\\left(' has no partner.",
            "\\frac{a}{b"),
        D(DiagnosticCodes.TooDeep, "TooDeep", "Nesting too deep", DiagnosticLevel.Error,
            "The math nests deeper than SymKl reads (a budget that keeps every input from exhausting the stack).",
            "((((((…))))))"),
        D(DiagnosticCodes.UnexpectedEnd, "UnexpectedEnd", "\\end with nothing open", DiagnosticLevel.Error,
            "An \\end{…} closes an environment that was never begun.",
            "a = b \\end{align}"),
        D(DiagnosticCodes.InvalidCharacter, "InvalidCharacter", "A character that is not math", DiagnosticLevel.Error,
            "A character that has no meaning in LaTeX math.",
            "a ☃ b"),
        D(DiagnosticCodes.ExpectedArgument, "ExpectedArgument", "A command is missing an argument", DiagnosticLevel.Error,
            "A command such as \\frac needs its arguments in braces.",
            "\\frac"),
        D(DiagnosticCodes.DoubleScript, "DoubleScript", "A double superscript or subscript", DiagnosticLevel.Error,
            "x^a^b is ambiguous; write x^{a^b} or (x^a)^b.",
            "x^a^b"),
        D(DiagnosticCodes.NotSingleExpression, "NotSingleExpression", "More than one expression", DiagnosticLevel.Error,
            "A single expression was expected (for example in a command-line argument) and several rows or items were given.",
            "a \\\\ b"),
        D(DiagnosticCodes.UnterminatedArgument, "UnterminatedArgument", "An argument is not terminated", DiagnosticLevel.Error,
            "A text argument runs to the end of the math.",
            "\\text{abc"),
        D(DiagnosticCodes.TooManyDiagnostics, "TooManyDiagnostics", "Too many problems", DiagnosticLevel.Error,
            "Past 200 problems in one block the rest are not reported.",
            "(garbage)"),
        D(DiagnosticCodes.InternalError, "InternalError", "An internal error of the parser", DiagnosticLevel.Error,
            "A bug, reported instead of thrown. Please report it with the input.",
            ""),

        // ------------------------------------------------------------------ the verifier's remarks
        D(DiagnosticCodes.UnreadableAssumption, "UnreadableAssumption", "An assumption cannot be read", DiagnosticLevel.Warning,
            "A 'symkl: assume' annotation (or --assume) is not of a form SymKl understands (x > 0, 0 < p < 1, n \\in \\mathbb{N}).",
            "<!-- symkl: assume x is nice -->"),
        D(DiagnosticCodes.NotADefinition, "NotADefinition", "An annotation is not a definition", DiagnosticLevel.Warning,
            "A 'symkl: define' annotation must read name(args) = formula or name \\sim Family(...).",
            "<!-- symkl: define x + y -->"),
        D(DiagnosticCodes.DanglingContinuation, "DanglingContinuation", "A row begins with a relation but nothing precedes it", DiagnosticLevel.Warning,
            "A display that starts with '=' continues the previous display's last expression; here there is none.",
            "$$= a + b$$ at the start of a document"),
        D(DiagnosticCodes.SamplingStatement, "SamplingStatement", "A sampling statement", DiagnosticLevel.Note,
            "'x \\sim p' says how x is drawn; there is nothing to check.",
            "$$x \\sim p(x)$$"),
        D(DiagnosticCodes.UnreadableDefinition, "UnreadableDefinition", "A definition cannot be read", DiagnosticLevel.Warning,
            "The formula of a definition cannot be bound; later uses of the name are treated as undefined.",
            "$$f(x) = \\foo{x}$$"),
        D(DiagnosticCodes.FamilyArity, "FamilyArity", "A distribution family with the wrong number of parameters", DiagnosticLevel.Warning,
            "Each family takes a fixed list of parameters (Normal: mean and variance).",
            "q \\sim \\mathcal{N}(\\mu)"),
        D(DiagnosticCodes.UsedBeforeDefinition, "UsedBeforeDefinition", "A name is used before its definition", DiagnosticLevel.Warning,
            "Steps before the definition treat the name as an arbitrary density.",
            "$$\\int q(z) dz = 1$$ … $$q(z) = \\mathcal{N}(z; 0, 1)$$"),
        D(DiagnosticCodes.SummandIgnoresIndex, "SummandIgnoresIndex", "A summand that ignores its index", DiagnosticLevel.Warning,
            "The summand does not depend on the summation index; the sum probably ranges over components written without an index (μ for μ_d).",
            "\\sum_{d=1}^{D} \\mu^2"),
        D(DiagnosticCodes.OwnConvention, "OwnConvention", "A standard name defined its own way", DiagnosticLevel.Warning,
            "The document defines a known operator (entropy, cross-entropy, KL …) by a formula that differs from its standard meaning. The definition is not used, and no statement that uses the name is refuted; check that the convention is intended.",
            "where $H(q, p) = \\int q(x) \\log p(x)\\,dx$ is the cross-entropy"),

        // ------------------------------------------------------------------ the binder
        D(DiagnosticCodes.Unsupported, "UnsupportedConstruct", "A construct SymKl has no meaning for", DiagnosticLevel.Warning,
            "The math was parsed but the kernel has no node for it; the statement is unsupported.",
            "\\oint f"),
        D(DiagnosticCodes.InputError, "InputError", "The math holds an error", DiagnosticLevel.Warning,
            "The parse of the statement holds an error node, so it is not checked.",
            "a + * b = c"),
        D(DiagnosticCodes.UndefinedFunction, "UndefinedFunction", "An undefined function", DiagnosticLevel.Note,
            "p(x) with p never defined is read as an application of an arbitrary function (or density).",
            "g(x) = g(x)"),
        D(DiagnosticCodes.LetterRunProduct, "LetterRunProduct", "A run of letters read as a product", DiagnosticLevel.Note,
            "'ab' is read as a·b; write \\mathrm{ab} for a name.",
            "ab"),
        D(DiagnosticCodes.ReadAsProduct, "ReadAsProduct", "A symbol before brackets read as a product", DiagnosticLevel.Note,
            "'\\sigma(x)' with \\sigma a variable is read as σ·x.",
            "\\sigma(x + 1)"),
        D(DiagnosticCodes.InferredVariable, "InferredVariable", "A variable inferred from the densities", DiagnosticLevel.Note,
            "The variable of an integral without dz, or of E_q, is inferred from the densities it contains.",
            "\\mathbb{E}_q[\\log q]"),
        D(DiagnosticCodes.BinderInternalError, "BinderInternalError", "An internal error of the binder", DiagnosticLevel.Error,
            "A bug, reported instead of thrown. Please report it with the input.",
            ""),

        // ------------------------------------------------------------------ Markdown
        D(DiagnosticCodes.MarkdownNote, "MarkdownNote", "The Markdown around the math", DiagnosticLevel.Note,
            "Something in the Markdown changes what is read as math (an unclosed '$$', math inside a code span).",
            "$$ a = b  (no closing $$)"),

        // ------------------------------------------------------------------ the source generator
        D(DiagnosticCodes.GeneratorStepFailed, "GeneratorStepFailed", "A step of a generating derivation failed", DiagnosticLevel.Error,
            "A derivation with a 'generate:' block has a refuted or unsupported step; no code is generated from it.",
            "derivations/normal-normal.md with a wrong line"),
        D(DiagnosticCodes.GeneratorBadFrontMatter, "GeneratorBadFrontMatter", "The generate block is incomplete or malformed", DiagnosticLevel.Error,
            "The 'generate:' front matter needs method (a C# identifier that is not a keyword), parameters and result.",
            "generate: { method: class }"),
        D(DiagnosticCodes.GeneratorResultNotVerified, "GeneratorResultNotVerified", "The declared result is not the end of a verified step", DiagnosticLevel.Error,
            "End the derivation with a verified line that equates the KL to the declared result.",
            "result: '\\frac{1}{2}' with no step ending in 1/2"),
        D(DiagnosticCodes.GeneratorCannotEmit, "GeneratorCannotEmit", "The result has no code form", DiagnosticLevel.Error,
            "The closed form uses something that has no C# lowering, or the emitted code failed its self-check.",
            "result: '\\int f(x) dx'"),
        D(DiagnosticCodes.GeneratorNote, "GeneratorNote", "A note from the emitter", DiagnosticLevel.Note,
            "Which form the emitter chose, or a fallback it took.",
            ""),
        D(DiagnosticCodes.GeneratorUnreadableResult, "GeneratorUnreadableResult", "The result's LaTeX cannot be read", DiagnosticLevel.Error,
            "The 'result:' of the generate block does not parse or bind.",
            "result: '\\frac{1}{'"),
        D(DiagnosticCodes.GeneratorDuplicateMethod, "GeneratorDuplicateMethod", "Two derivations generate the same method", DiagnosticLevel.Error,
            "Every generated method name must be unique in the compilation.",
            "two derivations with method: NormalNormal"),
        D(DiagnosticCodes.GeneratorVerifierFailed, "GeneratorVerifierFailed", "The verifier failed on a derivation", DiagnosticLevel.Error,
            "An internal error of SymKl (not of the mathematics) while checking the derivation; no code is generated from it, and symkl gen exits 3. Please report it with the derivation.",
            ""),

        // ------------------------------------------------------------------ the analyzer
        D(DiagnosticCodes.AnalyzerCodeDiffers, "CodeDiffersFromDerivation", "A method differs from its derivation's result", DiagnosticLevel.Warning,
            "A method marked [SymKl.CheckedAgainst(\"…\")] computes something other than the derivation's verified closed form. The message gives parameter values where both are defined and differ, and both values there. Fix the code, or call the generated method (the code fix does).",
            "[CheckedAgainst(\"normal-normal\")] double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (sigma2 * sigma2) - 0.5;  →  differs at mu1 = 0, sigma1 = 1, mu2 = 0, sigma2 = 1 (0.5 against 0)"),
        D(DiagnosticCodes.AnalyzerCannotRead, "CannotCheckMethod", "A method cannot be checked against its derivation", DiagnosticLevel.Note,
            "The analyzer reads expression bodies and blocks of local assignments, guards and a return, with Math/MathF calls, double and float arithmetic and conditionals. Something else in the body (a loop, a call to another method, integer arithmetic), or an equality the kernel cannot decide, leaves the method unchecked; the message says what.",
            "for (var i = 0; i < n; i++) sum += …"),
        D(DiagnosticCodes.AnalyzerBadDerivation, "UnknownDerivation", "The derivation is unknown, unverified or does not match the method", DiagnosticLevel.Error,
            "The name is neither a derivation of the package's catalog (\"normal-normal\") nor the path of a Markdown file among the project's AdditionalFiles; or that derivation has a refuted or unsupported step or no verified result; or the method's parameters cannot be matched to the result's (by name, mu1 for \\mu_1, or by order).",
            "[CheckedAgainst(\"normal-normol\")]"),
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The descriptor of an id; null when the table does not describe it.</summary>
    public static DiagnosticDescriptor? Find(string id) => ById.TryGetValue(id, out var d) ? d : null;
}
