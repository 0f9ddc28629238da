using System.Globalization;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// 𝔼[…] of vectors the document gives no law (the noises and errors of a Kalman derivation): read by linearity alone.
/// The body is a polynomial of degree ≤ 2 in the vectors' components; 𝔼 maps each component to a mean symbol and each
/// product of two to a second-moment symbol (𝔼[aᵢbⱼ], the same for 𝔼[bⱼaᵢ]), so that what holds here holds for every
/// joint law. What the text states narrows the moments: a zero-mean vector has mean 0; two uncorrelated vectors have
/// 𝔼[abᵀ] = 𝔼[a]𝔼[b]ᵀ; a matrix it names by a moment (Q = 𝔼[wwᵀ]) is that moment. The pairs and means the text leaves
/// open are reported (<see cref="UnstatedMoments"/>): a failure then is no refutation, and a reading that assumes them
/// (<see cref="AssumeUncorrelated"/>) says which assumption the step needs.
/// </summary>
internal sealed partial class MatrixReader
{
    /// <summary>Every two vectors of a law-free expectation uncorrelated and every one zero-mean, as noises usually are.</summary>
    public bool AssumeUncorrelated { get; init; }

    /// <summary>The means and pairs a law-free expectation used that the text does not state; null when none.</summary>
    public string? UnstatedMoments => _unstated.Count switch
    {
        0 => null,
        1 => _unstated.Min,
        _ => string.Join(", ", _unstated.Take(_unstated.Count - 1)) + " and " + _unstated.Max,
    };

    /// <summary>The vectors read as random in a law-free expectation, across the statement.</summary>
    public IReadOnlyCollection<string> MomentVectors => _momentVectors;

    private readonly SortedSet<string> _unstated = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _momentVectors = new(StringComparer.Ordinal);

    /// <summary>While a law-free expectation is read: the vectors met (null outside one).</summary>
    private HashSet<string>? _atoms;

    /// <summary>Nesting of law-free readings: a name the text defines by a moment (Q = 𝔼[wwᵀ]) is read through it only inside one.</summary>
    private int _lawFree;

    /// <summary>𝔼[body] with no subscript and no law for any vector of the body.</summary>
    private MatrixValue FreeMoments(SyntaxExpectation e, ParseResult parsed)
    {
        var outer = _atoms;
        var atoms = new HashSet<string>(StringComparer.Ordinal);
        _atoms = atoms;
        _lawFree++;
        MatrixValue body;
        try { body = Read(e.Body, parsed); }
        finally
        {
            _atoms = outer;
            _lawFree--;
        }
        if (atoms.Count == 0) throw new MatrixReadException("an expectation whose law is not a multivariate normal the document defines (and no vector in it to read by linearity)");
        var index = new Dictionary<Sym, (string Key, int Index)>();
        foreach (var key in atoms.OrderBy(k => k, StringComparer.Ordinal))
        {
            var components = instance.Components(key);
            for (var i = 0; i < components.Count; i++) index[components[i]] = (key, i);
            AddMomentVector(key, key);
        }
        return body.Map(entry => ExpectEntry(entry, index));
    }

    /// <summary>A vector met inside a law-free expectation: a random vector, unless it names a mean (μ, a parameter of a law).</summary>
    private void MeetVector(string key, Identifier id)
    {
        if (_atoms is null || id.Name is "mu" || id.Accent is "bar" or "overline" && !id.IsGreek) return;
        if (scope.AllLaws.Any(g => MatrixScope.Unwrap(g.Mean) is Identifier m && MatrixScope.Key(m, g.Parsed) == key)) return;
        _atoms.Add(key);
    }

    /// <summary>
    /// Q when the text named 𝔼[wwᵀ] Q: that moment, inside a law-free expectation or in a statement that has one
    /// (<see cref="NamedMoments"/>); elsewhere Q stays a matrix of its kind (a gain formula with R is not read in moments).
    /// </summary>
    private MatrixValue? MomentName(string key)
    {
        if (!scope.MomentNames.TryGetValue(key, out var named)) return null;
        if (_lawFree == 0 && !NamedMoments)
        {
            PlainMomentNames = true;
            return null;
        }
        if (!_expanding.Add(key)) return null;
        try { return Read(named.Expectation, named.Parsed); }
        finally { _expanding.Remove(key); }
    }

    /// <summary>Matrices the text names by a moment read through it everywhere in the statement.</summary>
    public bool NamedMoments { get; init; }

    /// <summary>A matrix named by a moment was read as a plain matrix (the statement is read again if it has a law-free expectation).</summary>
    public bool PlainMomentNames { get; private set; }

    private Expr ExpectEntry(Expr entry, Dictionary<Sym, (string Key, int Index)> index)
    {
        if (!Traversal.Any(entry, n => n is Sym s && index.ContainsKey(s))) return entry;
        var result = new List<Expr>();
        foreach (var (constant, random) in Monomials.Split(entry, index, "an expectation of something other than a polynomial in the random vectors (with no law, only means and second moments are known)"))
        {
            constant.Add(random.Count switch
            {
                0 => Ex.One,
                1 => Mean(random[0]),
                2 => SecondMoment(random[0], random[1]),
                _ => throw new MatrixReadException("an expectation of a product of more than two random vectors, which have no law (only means and second moments are known)"),
            });
            result.Add(Ex.Mul(constant));
        }
        return Ex.Add(result);
    }

    private Expr Mean((string Key, int Index) a)
    {
        if (scope.StatedZeroMean(a.Key)) return Ex.Zero;
        if (AssumeUncorrelated) return Ex.Zero;
        _unstated.Add(a.Key + " has mean zero");
        return Ex.Sym("#E[" + Component(a) + "]");
    }

    private Expr SecondMoment((string Key, int Index) a, (string Key, int Index) b)
    {
        if (a.Key != b.Key)
        {
            if (string.CompareOrdinal(a.Key, b.Key) > 0) (a, b) = (b, a);
            if (scope.StatedUncorrelated(a.Key, b.Key)) return Ex.Mul(Mean(a), Mean(b));
            if (AssumeUncorrelated) return Ex.Zero;
            _unstated.Add(a.Key + " and " + b.Key + " are uncorrelated");
        }
        else if (a.Index > b.Index) (a, b) = (b, a);
        return Ex.Sym("#E[" + Component(a) + "·" + Component(b) + "]");
    }

    private static string Component((string Key, int Index) a) => a.Key + "[" + (a.Index + 1).ToString(CultureInfo.InvariantCulture) + "]";
}
