using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// The kind of a matrix stated in words: "Let $A \in \mathbb{R}^{d \times d}$ be a symmetric matrix", "the covariance matrix
/// $\Sigma \in \mathbb{R}^{d \times d}$", "$\Lambda$ is positive definite". A declaration in ℝ^{d×d} gives the shape only;
/// without these words a square matrix is general, and a step that holds only for symmetric ones is refuted. With them:
/// "positive definite", "covariance", "precision", "SPD" make the matrix symmetric positive definite; "symmetric" alone
/// leaves it open between a general and a symmetric positive definite reading, so such a step is never refuted through
/// an unsymmetric matrix (and never confirmed through positive definiteness the text did not claim).
/// </summary>
internal sealed partial class MatrixScope
{
    private List<(int Offset, string Key, bool Definite)> _proseKinds = [];

    private static readonly Regex KindWord = new(
        @"\b(?:(?<definite>(?:symmetric\s+)?positive[\s-]+(?:semi[\s-]*)?definite|s\.?p\.?d\.?|covariance|precision\s+matri(?:x|ces))|symmetric)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex NotKind = new(@"\b(?:not|non|never|nor)[\s-]+(?:(?:a|an|necessarily)\s+)?(?:symmetric|positive)|\bcross[\s-]+covariance|\basymmetric|\bunsymmetric", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private void FindProseKinds(string source)
    {
        _proseKinds = [];
        var seen = new HashSet<int>();
        foreach (Match m in KindWord.Matches(source))
        {
            var (start, end) = Sentence(source, m.Index);
            if (!seen.Add(start)) continue;
            var sentence = source.Substring(start, end - start);
            if (NotKind.IsMatch(sentence)) continue;
            var definite = KindWord.Matches(sentence).Cast<Match>().Any(k => k.Groups["definite"].Success);
            foreach (Match math in InlineMath.Matches(sentence))
            {
                var parsed = LatexParser.ParseMath(math.Groups[1].Value);
                if (parsed.Root is not { } root) continue;
                Visit(root, n =>
                {
                    // A capital (Latin or Greek) named in the sentence: Σ, A, Λ; its entries and vectors are not meant.
                    if (n is Identifier { Name: [var first, ..] } id && (id.Name.Length == 1 ? char.IsUpper(first) : id.Name is "Sigma" or "Lambda" or "Psi" or "Phi" or "Omega" or "Gamma"))
                        _proseKinds.Add((start, Key(id, parsed), definite));
                });
            }
        }
    }

    /// <summary>
    /// The kind the prose states for a matrix before the math being read: true for symmetric positive definite, false for
    /// symmetric (open), null when the prose says nothing.
    /// </summary>
    public bool? ProseKind(string key)
    {
        bool? kind = null;
        foreach (var (offset, name, definite) in _proseKinds)
            if (offset <= _offset && name == key) kind = kind == true || definite;
        return kind;
    }
}
