using SymKl.Vae.Numerics;

namespace SymKl.Vae.Tests;

public sealed unsafe class KernelTests
{
    private static float[] RandomArray(int n, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }

        return values;
    }

    public static TheoryData<int, int, int, bool, bool, bool> GemmShapes => new()
    {
        { 7, 48, 33, false, true, false },
        { 9, 112, 130, true, false, true },
        { 4, 784, 5, false, true, true },
        { 1, 16, 1, false, false, false },
        { 13, 80, 260, true, true, false },
        { 64, 112, 784, false, true, false },
    };

    [Theory]
    [MemberData(nameof(GemmShapes))]
    public void MultiplyAddMatchesDoubleReference(int m, int n, int k, bool transposedA, bool withBias, bool accumulate)
    {
        var a = RandomArray(m * k, 1);
        var b = RandomArray(k * n, 2);
        var bias = RandomArray(n, 3);
        var initial = RandomArray(m * n, 4);
        var (rsA, csA) = transposedA ? (1, m) : (k, 1);
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = accumulate ? initial[i * n + j] : withBias ? bias[j] : 0;
                for (var kk = 0; kk < k; kk++)
                {
                    s += (double)a[i * rsA + kk * csA] * b[kk * n + j];
                }

                expected[i * n + j] = s;
            }
        }

        foreach (var variant in new[] { 0, 1, 2 })
        {
            var c = (float[])initial.Clone();
            fixed (float* ap = a, bp = b, cp = c, biasp = bias)
            {
                var bb = withBias ? biasp : null;
                switch (variant)
                {
                    case 0:
                        Gemm.MultiplyAdd(m, n, k, ap, rsA, csA, bp, n, cp, n, bb, accumulate);
                        break;
                    case 1:
                        Gemm.MultiplyAddVector(m, n, k, ap, rsA, csA, bp, n, cp, n, bb, accumulate);
                        break;
                    default:
                        Gemm.MultiplyAddScalar(m, n, k, ap, rsA, csA, bp, n, cp, n, bb, accumulate);
                        break;
                }
            }

            for (var i = 0; i < c.Length; i++)
            {
                Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * (1 + k), $"variant {variant}, element {i}: {c[i]} vs {expected[i]}");
            }
        }
    }

    [Theory]
    [InlineData(7, 5, 48, false)]
    [InlineData(64, 100, 112, true)]
    [InlineData(3, 2, 784, false)]
    [InlineData(12, 9, 16, true)]
    public void MultiplyTransposedAddMatchesDoubleReference(int m, int n, int k, bool accumulate)
    {
        var a = RandomArray(m * k, 5);
        var b = RandomArray(n * k, 6);
        var initial = RandomArray(m * n, 7);
        foreach (var variant in new[] { 0, 1, 2 })
        {
            var c = (float[])initial.Clone();
            fixed (float* ap = a, bp = b, cp = c)
            {
                if (variant == 0)
                {
                    Gemm.MultiplyTransposedAdd(m, n, k, ap, k, bp, k, cp, n, accumulate);
                }
                else
                {
                    Gemm.MultiplyTransposedAddPortable(m, n, k, ap, k, bp, k, cp, n, accumulate, useVector: variant == 1);
                }
            }

            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    double s = accumulate ? initial[i * n + j] : 0;
                    for (var kk = 0; kk < k; kk++)
                    {
                        s += (double)a[i * k + kk] * b[j * k + kk];
                    }

                    Assert.True(Math.Abs(c[i * n + j] - s) <= 1e-5 * (1 + k), $"variant {variant} ({i},{j}): {c[i * n + j]} vs {s}");
                }
            }
        }
    }

    [Fact]
    public void MultiplyAddResultDoesNotDependOnHowRowsAreSplit()
    {
        const int m = 10, n = 64, k = 300;
        var a = RandomArray(m * k, 8);
        var b = RandomArray(k * n, 9);
        var whole = new float[m * n];
        var split = new float[m * n];
        fixed (float* ap = a, bp = b, wp = whole, sp = split)
        {
            Gemm.MultiplyAdd(m, n, k, ap, k, 1, bp, n, wp, n, null, false);
            Gemm.MultiplyAdd(3, n, k, ap, k, 1, bp, n, sp, n, null, false);
            Gemm.MultiplyAdd(7, n, k, ap + 3 * k, k, 1, bp, n, sp + 3 * n, n, null, false);
        }

        Assert.Equal(whole, split);
    }

    [Fact]
    public void DenseLayerGradientsMatchFiniteDifferences()
    {
        // f(W, b, X) = Σ G ⊙ (X·W + b); the backward pass's products must give ∂f/∂W = Xᵀ·G, ∂f/∂X = G·Wᵀ, ∂f/∂b = Σ_rows G.
        const int rows = 5, inputs = 7, outputs = 16;
        var x = RandomArray(rows * inputs, 10);
        var w = RandomArray(inputs * outputs, 11);
        var bias = RandomArray(outputs, 12);
        var g = RandomArray(rows * outputs, 13);
        double F(double[] xd, double[] wd, double[] bd)
        {
            double s = 0;
            for (var r = 0; r < rows; r++)
            {
                for (var o = 0; o < outputs; o++)
                {
                    var y = bd[o];
                    for (var i = 0; i < inputs; i++)
                    {
                        y += xd[r * inputs + i] * wd[i * outputs + o];
                    }

                    s += g[r * outputs + o] * y;
                }
            }

            return s;
        }

        var dW = new float[inputs * outputs];
        var dX = new float[rows * inputs];
        fixed (float* xp = x, wp = w, gp = g, dwp = dW, dxp = dX)
        {
            Gemm.MultiplyAdd(inputs, outputs, rows, xp, 1, inputs, gp, outputs, dwp, outputs, null, false);
            Gemm.MultiplyTransposedAdd(rows, inputs, outputs, gp, outputs, wp, outputs, dxp, inputs, false);
        }

        var xd = x.Select(v => (double)v).ToArray();
        var wd = w.Select(v => (double)v).ToArray();
        var bd = bias.Select(v => (double)v).ToArray();
        const double h = 1e-6;
        for (var i = 0; i < wd.Length; i++)
        {
            Assert.Equal(FiniteDifference(wd, i, h, () => F(xd, wd, bd)), dW[i], 4);
        }

        for (var i = 0; i < xd.Length; i++)
        {
            Assert.Equal(FiniteDifference(xd, i, h, () => F(xd, wd, bd)), dX[i], 4);
        }

        for (var o = 0; o < outputs; o++)
        {
            var expected = FiniteDifference(bd, o, h, () => F(xd, wd, bd));
            double columnSum = 0;
            for (var r = 0; r < rows; r++)
            {
                columnSum += g[r * outputs + o];
            }

            Assert.Equal(expected, columnSum, 6);
        }
    }

    internal static double FiniteDifference(double[] values, int index, double h, Func<double> f)
    {
        var saved = values[index];
        values[index] = saved + h;
        var plus = f();
        values[index] = saved - h;
        var minus = f();
        values[index] = saved;
        return (plus - minus) / (2 * h);
    }

    public static TheoryData<Activation> Activations => new() { Activation.Relu, Activation.Tanh, Activation.Sigmoid, Activation.Elu };

    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationGradientsMatchFiniteDifferences(Activation activation)
    {
        static double F(Activation a, double x) => a switch
        {
            Activation.Relu => Math.Max(x, 0),
            Activation.Tanh => Math.Tanh(x),
            Activation.Sigmoid => 1 / (1 + Math.Exp(-x)),
            _ => x > 0 ? x : Math.Exp(x) - 1,
        };

        var x = RandomArray(37, 14, 3f).Select(v => Math.Abs(v) < 1e-3f ? 0.5f : v).ToArray();
        var y = (float[])x.Clone();
        VectorMath.ActivateInPlace(activation, y);
        var upstream = RandomArray(37, 15);
        var gradient = (float[])upstream.Clone();
        VectorMath.BackwardInPlace(activation, y, gradient);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(F(activation, x[i]), y[i], 5);
            const double h = 1e-6;
            var fd = (F(activation, x[i] + h) - F(activation, x[i] - h)) / (2 * h);
            Assert.Equal(upstream[i] * fd, gradient[i], 4);
        }
    }

    [Fact]
    public void BceWithLogitsMatchesDoubleFormulaAndFiniteDifferences()
    {
        static double Bce(double l, double x) => Math.Max(l, 0) + Math.Log(1 + Math.Exp(-Math.Abs(l))) - x * l;
        var random = new Random(16);
        var n = 16 * 5 + 3;
        var logits = new float[n];
        var targets = new float[n];
        for (var i = 0; i < n; i++)
        {
            logits[i] = (float)((random.NextDouble() * 2 - 1) * 12);
            targets[i] = i % 7 == 0 ? 0f : i % 7 == 1 ? 1f : (float)random.NextDouble();
        }

        logits[0] = 60f;
        logits[1] = -60f;
        logits[2] = 1e-9f;
        logits[3] = 17f;
        logits[4] = -17f;
        var gradient = new float[n];
        var value = VectorMath.BceWithLogits(logits, targets, gradient);
        double expected = 0;
        for (var i = 0; i < n; i++)
        {
            expected += Bce(logits[i], targets[i]);
            const double h = 1e-5;
            var fd = (Bce(logits[i] + h, targets[i]) - Bce(logits[i] - h, targets[i])) / (2 * h);
            Assert.True(Math.Abs(fd - gradient[i]) < 1e-5, $"gradient {i}: {gradient[i]} vs {fd}");
            Assert.True(Math.Abs(Bce(logits[i], targets[i]) - VectorMath.BceWithLogits(logits.AsSpan(i, 1), targets.AsSpan(i, 1))) < 2e-6 * (1 + Math.Abs(logits[i])));
        }

        Assert.Equal(expected, value, 3);
        Assert.Equal(value, VectorMath.BceWithLogits(logits, targets), 9);
    }

    [Fact]
    public void BceWithLogitsKeepsTheTailOfSaturatedLogits()
    {
        // log σ(−30) in float would be log(9.4e-14) ≈ −30 only if computed from the logit; the loss for x = 1 is 30.
        var gradient = new float[1];
        var value = VectorMath.BceWithLogits([-30f], [1f], gradient);
        Assert.Equal(30.0, value, 4);
        Assert.Equal(-1f, gradient[0], 6);
        var small = VectorMath.BceWithLogits([-30f], [0f], gradient);
        Assert.True(Math.Abs(Math.Exp(-30) - small) < 1e-18, $"{small}");
    }

    [Fact]
    public void RngIsReproducibleAndStandardNormal()
    {
        var a = new Rng(42, 1, 7);
        var b = new Rng(42, 1, 7);
        var c = new Rng(42, 1, 8);
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.NotEqual(a.NextUInt64(), c.NextUInt64());
        var rng = new Rng(1);
        double sum = 0, sumSq = 0;
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            var z = rng.NextNormal();
            sum += z;
            sumSq += z * z;
        }

        Assert.InRange(sum / n, -0.02, 0.02);
        Assert.InRange(sumSq / n, 0.98, 1.02);
    }
}
