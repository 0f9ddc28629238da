using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>What a multi-letter name (a word, \mathrm{...}, \operatorname{...}) stands for.</summary>
internal enum WordKind
{
    None,
    /// <summary>log, exp, sin, Var, softmax ...: applied to a parenthesised list or to the following factors.</summary>
    Function,
    /// <summary>argmin, max, lim ...: an operator with an under-script and an operand.</summary>
    LimitOperator,
    /// <summary>KL, Entropy, Beta ...: a multi-letter name (usually the callee of a call).</summary>
    Name,
}

/// <summary>The static tables of the dialect: which names mean what.</summary>
internal static class Symbols
{
    public static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
        "iota", "kappa", "varkappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "varpi", "rho", "varrho",
        "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
        "varGamma", "varDelta", "varTheta", "varLambda", "varXi", "varPi", "varSigma", "varUpsilon",
        "varPhi", "varPsi", "varOmega", "digamma",
    };

    /// <summary>Commands that are plain symbols usable as variable names.</summary>
    public static readonly HashSet<string> IdentifierCommands = new(StringComparer.Ordinal)
    {
        "ell", "hbar", "imath", "jmath", "aleph", "wp", "Re", "Im",
    };

    /// <summary>Commands that are symbols with no algebraic meaning here (the binder reports them).</summary>
    public static readonly HashSet<string> OtherSymbolCommands = new(StringComparer.Ordinal)
    {
        "partial", "nabla", "forall", "exists", "nexists", "emptyset", "varnothing", "top", "bot",
        "angle", "triangle", "Box", "square", "checkmark", "dagger", "ddagger", "star", "circ", "bullet",
        "prime", "S", "P", "dag", "cdotp", "colon", "backslash", "setminus", "cup", "cap", "wedge", "vee",
        "land", "lor", "lnot", "neg", "oplus", "otimes",
    };

    public static readonly HashSet<string> FunctionCommands = new(StringComparer.Ordinal)
    {
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
        "arcsin", "arccos", "arctan", "det", "Pr", "dim", "ker", "deg", "hom", "gcd", "erf", "sgn", "tr", "Tr",
        "Var", "Cov", "softmax", "sigmoid", "diag",
    };

    public static readonly HashSet<string> LimitCommands = new(StringComparer.Ordinal)
    {
        "lim", "limsup", "liminf", "max", "min", "sup", "inf", "argmin", "argmax", "esssup",
    };

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
        "arcsin", "arccos", "arctan", "det", "tr", "Tr", "trace", "Var", "Cov", "Corr", "softmax", "sigmoid",
        "erf", "erfc", "sgn", "sign", "diag", "logit", "relu", "ReLU", "Pr", "Prob", "softplus", "logsumexp", "LSE",
    };

    private static readonly HashSet<string> LimitWords = new(StringComparer.Ordinal)
    {
        "argmin", "argmax", "min", "max", "sup", "inf", "lim", "limsup", "liminf",
    };

    private static readonly HashSet<string> NameWords = new(StringComparer.Ordinal)
    {
        "KL", "KLD", "JS", "JSD", "ELBO", "Entropy", "CrossEntropy", "MI", "NLL", "MSE", "CE", "BCE", "TV",
        "const", "Beta", "Gamma", "Bernoulli", "Bern", "Ber", "Poisson", "Pois", "Uniform", "Unif", "Normal",
        "Laplace", "Categorical", "Cat", "Dirichlet", "Dir", "Multinomial", "Mult", "Binomial", "Bin",
        "Exponential", "Exp", "Geometric", "Geom", "Student", "Wishart", "GP", "ELL", "Gumbel", "HalfNormal", "Pareto",
    };

    /// <summary>Function words that people glue to a one-letter argument ('logx').</summary>
    public static readonly string[] GluableFunctions = { "log", "ln", "exp", "sin", "cos", "tan" };

    public static WordKind ClassifyWord(string word)
    {
        if (FunctionWords.Contains(word)) return WordKind.Function;
        if (LimitWords.Contains(word)) return WordKind.LimitOperator;
        if (NameWords.Contains(word)) return WordKind.Name;
        return WordKind.None;
    }

    /// <summary>Names of the arg-operators whose operand is the whole rest of the sum (argmin_θ a - b).</summary>
    public static bool TakesWholeSum(string op) =>
        op is "argmin" or "argmax" or "min" or "max" or "sup" or "inf" or "esssup";

    public static readonly Dictionary<string, NameStyle> StyleCommands = new(StringComparer.Ordinal)
    {
        ["mathbf"] = NameStyle.Bold, ["boldsymbol"] = NameStyle.Bold, ["bm"] = NameStyle.Bold,
        ["pmb"] = NameStyle.Bold, ["mathbfit"] = NameStyle.Bold,
        ["mathrm"] = NameStyle.Roman, ["mathup"] = NameStyle.Roman,
        ["mathit"] = NameStyle.Italic, ["mathnormal"] = NameStyle.Normal,
        ["mathcal"] = NameStyle.Calligraphic, ["mathscr"] = NameStyle.Script,
        ["mathbb"] = NameStyle.Blackboard, ["Bbb"] = NameStyle.Blackboard,
        ["mathfrak"] = NameStyle.Fraktur, ["mathsf"] = NameStyle.SansSerif, ["mathtt"] = NameStyle.Typewriter,
    };

    /// <summary>TeX's font switches, which style the rest of their group: {\rm T}, {\bf x}, {\cal N}.</summary>
    public static readonly Dictionary<string, NameStyle> OldFontSwitches = new(StringComparer.Ordinal)
    {
        ["rm"] = NameStyle.Roman, ["bf"] = NameStyle.Bold, ["it"] = NameStyle.Italic, ["sf"] = NameStyle.SansSerif,
        ["tt"] = NameStyle.Typewriter, ["cal"] = NameStyle.Calligraphic,
    };

    public static readonly HashSet<string> AccentCommands = new(StringComparer.Ordinal)
    {
        "hat", "widehat", "bar", "overline", "tilde", "widetilde", "vec", "dot", "ddot", "check", "breve",
        "acute", "grave", "mathring", "underline", "overrightarrow",
    };

    public static string AccentName(string command) => command switch
    {
        "widehat" => "hat",
        "widetilde" => "tilde",
        "overline" => "bar",
        "overrightarrow" => "vec",
        _ => command,
    };

    public static readonly Dictionary<string, FractionStyle> FractionCommands = new(StringComparer.Ordinal)
    {
        ["frac"] = FractionStyle.Frac, ["dfrac"] = FractionStyle.DFrac,
        ["tfrac"] = FractionStyle.TFrac, ["cfrac"] = FractionStyle.CFrac,
    };

    public static readonly HashSet<string> EllipsisCommands = new(StringComparer.Ordinal)
    {
        "cdots", "ldots", "dots", "vdots", "ddots", "dotsb", "dotsc", "dotsm",
    };

    public static bool TryGetRelation(string command, out RelationKind kind, out bool negated)
    {
        negated = false;
        switch (command)
        {
            case "ne": case "neq": kind = RelationKind.Equal; negated = true; return true;
            case "equiv": kind = RelationKind.Equivalent; return true;
            case "approx": kind = RelationKind.Approx; return true;
            case "lt": kind = RelationKind.Less; return true;
            case "gt": kind = RelationKind.Greater; return true;
            case "le": case "leq": case "leqslant": case "leqq": kind = RelationKind.LessEqual; return true;
            case "ge": case "geq": case "geqslant": case "geqq": kind = RelationKind.GreaterEqual; return true;
            case "ll": kind = RelationKind.MuchLess; return true;
            case "gg": kind = RelationKind.MuchGreater; return true;
            case "sim": kind = RelationKind.Sim; return true;
            case "simeq": kind = RelationKind.SimEqual; return true;
            case "cong": kind = RelationKind.Congruent; return true;
            case "propto": kind = RelationKind.Propto; return true;
            case "in": kind = RelationKind.In; return true;
            case "notin": kind = RelationKind.In; negated = true; return true;
            case "subset": kind = RelationKind.Subset; return true;
            case "subseteq": kind = RelationKind.SubsetEqual; return true;
            case "coloneqq": case "coloneq": case "triangleq": case "doteq": case "eqdef": kind = RelationKind.Define; return true;
            case "to": case "rightarrow": case "longrightarrow": kind = RelationKind.To; return true;
            case "mapsto": kind = RelationKind.MapsTo; return true;
            case "Rightarrow": case "implies": case "Longrightarrow": kind = RelationKind.Implies; return true;
            case "iff": case "Leftrightarrow": case "Longleftrightarrow": kind = RelationKind.Iff; return true;
            default: kind = RelationKind.Equal; return false;
        }
    }

    public static string RelationSymbol(RelationKind kind, bool negated)
    {
        string s = kind switch
        {
            RelationKind.Equal => "=",
            RelationKind.Equivalent => "equiv",
            RelationKind.Approx => "approx",
            RelationKind.Less => "<",
            RelationKind.Greater => ">",
            RelationKind.LessEqual => "<=",
            RelationKind.GreaterEqual => ">=",
            RelationKind.MuchLess => "<<",
            RelationKind.MuchGreater => ">>",
            RelationKind.Sim => "~",
            RelationKind.SimEqual => "simeq",
            RelationKind.Congruent => "cong",
            RelationKind.Propto => "propto",
            RelationKind.In => "in",
            RelationKind.Subset => "subset",
            RelationKind.SubsetEqual => "subseteq",
            RelationKind.Define => ":=",
            RelationKind.To => "->",
            RelationKind.MapsTo => "|->",
            RelationKind.Implies => "=>",
            RelationKind.Iff => "<=>",
            _ => "?",
        };
        return negated ? "!" + s : s;
    }

    /// <summary>Commands that are binary operators (never the start of a factor).</summary>
    public static readonly HashSet<string> MultiplicativeCommands = new(StringComparer.Ordinal) { "cdot", "times", "div", "ast", "odot" };

    public static readonly HashSet<string> AdditiveCommands = new(StringComparer.Ordinal) { "pm", "mp" };

    /// <summary>Commands that separate arguments: \| \parallel \mid \Vert.</summary>
    public static readonly HashSet<string> SeparatorCommands = new(StringComparer.Ordinal) { "mid", "parallel", "Vert", "|", "vert" };

    public static readonly HashSet<string> RowEnvironments = new(StringComparer.Ordinal)
    {
        "align", "align*", "aligned", "split", "gather", "gather*", "gathered", "equation", "equation*",
        "eqnarray", "eqnarray*", "multline", "multline*", "alignat", "alignat*", "alignedat", "flalign",
        "flalign*", "displaymath", "math", "subequations",
    };

    /// <summary>Row environments in which '\ ' before '&amp;' is a damaged '\\'.</summary>
    public static bool IsAlignLike(string env) => env is not ("equation" or "equation*" or "displaymath" or "math" or "subequations");

    public static readonly HashSet<string> CasesEnvironments = new(StringComparer.Ordinal) { "cases", "cases*", "dcases", "rcases" };

    public static readonly HashSet<string> MatrixEnvironments = new(StringComparer.Ordinal)
    {
        "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array", "subarray",
    };

    /// <summary>Environments whose \begin takes one more {argument} (column spec): skipped.</summary>
    public static readonly HashSet<string> EnvironmentsWithArgument = new(StringComparer.Ordinal)
    {
        "array", "alignat", "alignat*", "alignedat", "subarray", "tabular",
    };

    // ---- lexer tables ----

    /// <summary>Commands whose braced argument is raw text.</summary>
    public static readonly HashSet<string> TextCommands = new(StringComparer.Ordinal)
    {
        "text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "textup", "mbox", "hbox", "emph",
    };

    /// <summary>Commands that are dropped together with one braced argument.</summary>
    public static readonly HashSet<string> DroppedWithArgument = new(StringComparer.Ordinal)
    {
        "label", "tag", "hspace", "vspace", "color", "phantom", "hphantom", "vphantom", "eqref", "ref",
        "textcolor", "colorbox", "kern", "mspace", "hskip",
        // \href{url}{words}: the address goes, the words (a remark, usually \text{…}) stay; \url{…} is only an address
        "href", "url",
        // \cancelto{v}{e}: the expression struck through, e, is read (the value it is said to become is a claim, not checked)
        "cancelto",
    };

    /// <summary>Commands that are dropped (spacing, sizing, style switches, numbering).</summary>
    public static readonly HashSet<string> DroppedCommands = new(StringComparer.Ordinal)
    {
        "thinspace", "medspace", "thickspace", "enspace", "enskip", "negthinspace", "negmedspace",
        "negthickspace", "hfill", "hfil", "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle",
        "limits", "nolimits", "nonumber", "notag", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "bigm",
        "Bigl", "Bigr", "Bigm", "biggl", "biggr", "biggm", "Biggl", "Biggr", "Biggm", "middle", "mathstrut",
        "strut", "allowbreak", "nobreak", "nolinebreak", "relax", "mathop", "mathord", "mathbin", "mathrel",
        "mathpunct", "mathinner", "boxed", "cancel", "bcancel", "xcancel", "smash", "displaybreak",
        "space", "hline", "centering", "protect",
    };

    public static readonly HashSet<string> QuadCommands = new(StringComparer.Ordinal) { "quad", "qquad" };

    private static readonly HashSet<string> OtherKnownCommands = new(StringComparer.Ordinal)
    {
        "frac", "dfrac", "tfrac", "cfrac", "sqrt", "binom", "dbinom", "tbinom", "left", "right", "int", "iint",
        "iiint", "oint", "sum", "prod", "coprod", "underset", "overset", "stackrel", "overbrace", "underbrace",
        "not", "infty", "begin", "end", "operatorname", "arg", "over", "choose", "langle", "rangle", "lbrace",
        "rbrace", "lbrack", "rbrack", "lvert", "rvert", "lVert", "rVert", "lfloor", "rfloor", "lceil", "rceil",
        "E", "quad", "qquad", "newline",
    };

    private static HashSet<string>? _known;

    /// <summary>Every command name the parser understands (used to repair commands hit by control characters).</summary>
    public static HashSet<string> KnownCommands => _known ??= BuildKnown();

    private static HashSet<string> BuildKnown()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in new IEnumerable<string>[]
                 {
                     Greek, IdentifierCommands, OtherSymbolCommands, FunctionCommands, LimitCommands,
                     StyleCommands.Keys, OldFontSwitches.Keys, AccentCommands, FractionCommands.Keys, EllipsisCommands,
                     MultiplicativeCommands, AdditiveCommands, SeparatorCommands, TextCommands,
                     DroppedWithArgument, DroppedCommands, QuadCommands, OtherKnownCommands,
                 })
        {
            foreach (var name in s) set.Add(name);
        }
        foreach (var r in new[]
                 {
                     "ne", "neq", "equiv", "approx", "lt", "gt", "le", "leq", "leqslant", "leqq", "ge", "geq", "geqslant",
                     "geqq", "ll", "gg", "sim", "simeq", "cong", "propto", "in", "notin", "subset", "subseteq",
                     "coloneqq", "coloneq", "triangleq", "doteq", "to", "rightarrow", "longrightarrow", "mapsto",
                     "Rightarrow", "implies", "Longrightarrow", "iff", "Leftrightarrow", "Longleftrightarrow", "xrightarrow", "xlongrightarrow", "xleftarrow",
                 })
        {
            set.Add(r);
        }
        return set;
    }

    /// <summary>Single Unicode characters that stand for LaTeX tokens.</summary>
    public static readonly Dictionary<char, (TokenKind Kind, string Text)> UnicodeTokens = BuildUnicode();

    private static Dictionary<char, (TokenKind, string)> BuildUnicode()
    {
        var d = new Dictionary<char, (TokenKind, string)>();
        void C(char c, string name) => d[c] = (TokenKind.Command, name);
        void S(char c, string sym) => d[c] = (TokenKind.Symbol, sym);
        void L(char c, string letter) => d[c] = (TokenKind.Letter, letter);
        C('\u222B', "int"); C('\u222C', "iint"); C('\u222D', "iiint"); C('\u222E', "oint");
        C('\u2211', "sum"); C('\u220F', "prod"); C('\u221A', "sqrt"); C('\u221E', "infty");
        C('\u2202', "partial"); C('\u2207', "nabla");
        S('\u2212', "-"); C('\u00B7', "cdot"); C('\u22C5', "cdot"); C('\u2219', "cdot"); C('\u00D7', "times");
        C('\u00F7', "div"); C('\u00B1', "pm"); C('\u2213', "mp"); C('\u2217', "ast");
        C('\u2264', "leq"); C('\u2A7D', "leq"); C('\u2265', "geq"); C('\u2A7E', "geq"); C('\u2260', "neq");
        C('\u2248', "approx"); C('\u2243', "simeq"); C('\u2245', "cong"); C('\u2261', "equiv");
        C('\u223C', "sim"); C('\u221D', "propto"); C('\u2208', "in"); C('\u2209', "notin"); C('\u2192', "to");
        C('\u21A6', "mapsto"); C('\u21D2', "Rightarrow"); C('\u21D4', "iff"); C('\u2254', "coloneqq");
        C('\u225C', "triangleq"); C('\u226A', "ll"); C('\u226B', "gg"); C('\u2282', "subset"); C('\u2286', "subseteq");
        C('\u2223', "mid"); C('\u2016', "|"); C('\u2225', "parallel"); C('\u27E8', "langle"); C('\u27E9', "rangle");
        C('\u230A', "lfloor"); C('\u230B', "rfloor"); C('\u2308', "lceil"); C('\u2309', "rceil");
        S('\u2032', "'"); C('\u2026', "ldots"); C('\u22EF', "cdots"); C('\u2113', "ell"); C('\u210F', "hbar");
        C('\u2205', "emptyset"); C('\u2200', "forall"); C('\u2203', "exists");
        string[] lower =
        {
            "alpha", "beta", "gamma", "delta", "varepsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
            "mu", "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "varphi", "chi", "psi", "omega",
        };
        for (int i = 0; i < lower.Length; i++) C((char)('\u03B1' + i), lower[i]);
        d['\u03BF'] = (TokenKind.Letter, "o");
        C('\u03F5', "epsilon"); C('\u03D1', "vartheta"); C('\u03D5', "phi"); C('\u03D6', "varpi"); C('\u03F1', "varrho");
        C('\u00B5', "mu");
        C('\u0393', "Gamma"); C('\u0394', "Delta"); C('\u0398', "Theta"); C('\u039B', "Lambda"); C('\u039E', "Xi");
        C('\u03A0', "Pi"); C('\u03A3', "Sigma"); C('\u03A5', "Upsilon"); C('\u03A6', "Phi"); C('\u03A8', "Psi");
        C('\u03A9', "Omega");
        // Capital Greek letters that look like Latin ones are those Latin letters (TeX has no \Alpha).
        L('\u0391', "A"); L('\u0392', "B"); L('\u0395', "E"); L('\u0396', "Z"); L('\u0397', "H"); L('\u0399', "I");
        L('\u039A', "K"); L('\u039C', "M"); L('\u039D', "N"); L('\u039F', "O"); L('\u03A1', "P"); L('\u03A4', "T");
        L('\u03A7', "X");
        return d;
    }

    public static bool IsUnicodeSpace(char c) =>
        c == '\u00A0' || (c >= '\u2000' && c <= '\u200B') || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';

    /// <summary>Dashes used as minus signs in damaged or typographically "improved" text.</summary>
    public static bool IsDash(char c) => c == '\u2013' || c == '\u2014' || c == '\u2010' || c == '\u2011' || c == '\u2012';
}
