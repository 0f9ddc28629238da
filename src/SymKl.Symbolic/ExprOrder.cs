namespace SymKl.Symbolic;

/// <summary>The total order used to sort terms and factors into canonical order.</summary>
public static class ExprOrder
{
    public static readonly IComparer<Expr> Comparer = Comparer<Expr>.Create(Compare);

    public static int Compare(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return 0;
        var k = a.Kind.CompareTo(b.Kind);
        if (k != 0) return k;
        switch (a)
        {
            case Num na: return na.Value.CompareTo(((Num)b).Value);
            case Constant ca: return ca.Which.CompareTo(((Constant)b).Which);
            case Sym sa: return string.CompareOrdinal(sa.Name, ((Sym)b).Name);
            case Pow pa:
                {
                    var pb = (Pow)b;
                    var c = Compare(pa.Base, pb.Base);
                    return c != 0 ? c : Compare(pa.Exponent, pb.Exponent);
                }
            case Fn fa:
                {
                    var fb = (Fn)b;
                    var c = fa.Function.CompareTo(fb.Function);
                    return c != 0 ? c : CompareLists(fa.Args, fb.Args);
                }
            case Apply aa:
                {
                    var ab = (Apply)b;
                    var c = string.CompareOrdinal(aa.Name, ab.Name);
                    return c != 0 ? c : CompareLists(aa.Args, ab.Args);
                }
            case Functional xa:
                {
                    var xb = (Functional)b;
                    var c = xa.Which.CompareTo(xb.Which);
                    return c != 0 ? c : CompareLists(xa.Args, xb.Args);
                }
            case Integral ia:
                {
                    var ib = (Integral)b;
                    var c = CompareLists(ia.Children, ib.Children);
                    return c;
                }
            default:
                return CompareLists(a.Children, b.Children);
        }
    }

    private static int CompareLists(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Count.CompareTo(b.Count);
    }
}
