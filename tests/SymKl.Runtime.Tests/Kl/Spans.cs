using System.Reflection;
using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Calls the generated span methods by name. Spans cannot be boxed for reflection, so each arity has a
/// typed delegate; the tests cover methods with two and four parameters.
/// </summary>
internal static class Spans
{
    private delegate void Batch2<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> result);
    private delegate void Batch3<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> result);
    private delegate double Sum3<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c);
    private delegate void Grad3(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> result, Span<double> da, Span<double> db, Span<double> dc);
    private delegate double SumGrad3(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> da, Span<double> db, Span<double> dc);
    private delegate void Batch4<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, ReadOnlySpan<T> d, Span<T> result);
    private delegate double Sum2<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b);
    private delegate double Sum4<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, ReadOnlySpan<T> d);
    private delegate void Grad2(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, Span<double> da, Span<double> db);
    private delegate void Grad4(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> d, Span<double> result, Span<double> da, Span<double> db, Span<double> dc, Span<double> dd);
    private delegate double SumGrad2(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> da, Span<double> db);
    private delegate double SumGrad4(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> d, Span<double> da, Span<double> db, Span<double> dc, Span<double> dd);

    private static T Get<T>(string name) where T : Delegate
    {
        var invoke = typeof(T).GetMethod("Invoke")!;
        var types = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var m = typeof(KlGenerated).GetMethod(name, BindingFlags.Public | BindingFlags.Static, types) ?? throw new InvalidOperationException("no method " + name + "(" + string.Join(", ", types.Select(t => t.Name)) + ")");
        return (T)m.CreateDelegate(typeof(T));
    }

    public static double[] Invoke(string name, double[][] columns, int count, Type element)
    {
        if (element == typeof(double))
        {
            var result = new double[count];
            if (columns.Length == 2) Get<Batch2<double>>(name)(columns[0], columns[1], result);
            else if (columns.Length == 3) Get<Batch3<double>>(name)(columns[0], columns[1], columns[2], result);
            else Get<Batch4<double>>(name)(columns[0], columns[1], columns[2], columns[3], result);
            return result;
        }
        var f = columns.Select(c => c.Select(x => (float)x).ToArray()).ToArray();
        var r = new float[count];
        if (columns.Length == 2) Get<Batch2<float>>(name)(f[0], f[1], r);
        else if (columns.Length == 3) Get<Batch3<float>>(name)(f[0], f[1], f[2], r);
        else Get<Batch4<float>>(name)(f[0], f[1], f[2], f[3], r);
        return r.Select(x => (double)x).ToArray();
    }

    public static double Sum(string name, double[][] columns, Type element)
    {
        if (element == typeof(double))
            return columns.Length switch
            {
                2 => Get<Sum2<double>>(name)(columns[0], columns[1]),
                3 => Get<Sum3<double>>(name)(columns[0], columns[1], columns[2]),
                _ => Get<Sum4<double>>(name)(columns[0], columns[1], columns[2], columns[3]),
            };
        var f = columns.Select(c => c.Select(x => (float)x).ToArray()).ToArray();
        return columns.Length switch
        {
            2 => Get<Sum2<float>>(name)(f[0], f[1]),
            3 => Get<Sum3<float>>(name)(f[0], f[1], f[2]),
            _ => Get<Sum4<float>>(name)(f[0], f[1], f[2], f[3]),
        };
    }

    public static (double[] Values, double[][] Gradients) InvokeGradient(string name, double[][] columns, int count)
    {
        var values = new double[count];
        var grads = columns.Select(_ => new double[count]).ToArray();
        if (columns.Length == 2) Get<Grad2>(name)(columns[0], columns[1], values, grads[0], grads[1]);
        else if (columns.Length == 3) Get<Grad3>(name)(columns[0], columns[1], columns[2], values, grads[0], grads[1], grads[2]);
        else Get<Grad4>(name)(columns[0], columns[1], columns[2], columns[3], values, grads[0], grads[1], grads[2], grads[3]);
        return (values, grads);
    }

    public static (double Total, double[][] Gradients) SumGradient(string name, double[][] columns, int count)
    {
        var grads = columns.Select(_ => new double[count]).ToArray();
        var total = columns.Length switch
        {
            2 => Get<SumGrad2>(name)(columns[0], columns[1], grads[0], grads[1]),
            3 => Get<SumGrad3>(name)(columns[0], columns[1], columns[2], grads[0], grads[1], grads[2]),
            _ => Get<SumGrad4>(name)(columns[0], columns[1], columns[2], columns[3], grads[0], grads[1], grads[2], grads[3]),
        };
        return (total, grads);
    }
}
