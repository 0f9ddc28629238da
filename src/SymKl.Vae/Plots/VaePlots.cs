namespace SymKl.Vae.Plots;

/// <summary>The experiment's pictures: latent space by class, loss curves (ScottPlot), generated images (PNG).</summary>
public static class VaePlots
{
    /// <summary>Scatter of the first two latent coordinates (μ) of every image, coloured by its label.</summary>
    public static void LatentScatter(string path, ReadOnlySpan<float> mu, int latent, ReadOnlySpan<byte> labels, IReadOnlyList<string> classNames, string title)
    {
        if (latent < 1 || mu.Length != labels.Length * latent)
        {
            throw new ArgumentException("mu must hold Latent values per label.");
        }

        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var classes = classNames.Count;
        for (var c = 0; c < classes; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] == c)
                {
                    xs.Add(mu[i * latent]);
                    ys.Add(latent > 1 ? mu[i * latent + 1] : 0);
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            points.Color = palette.GetColor(c).WithAlpha(0.55);
            points.MarkerSize = 3;
            points.LegendText = classNames[c];
        }

        plot.Title(title);
        plot.XLabel("z₁ (μ)");
        plot.YLabel(latent > 1 ? "z₂ (μ)" : string.Empty);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 900, 720);
    }

    /// <summary>Train and test loss per epoch, with the test loss's reconstruction and regulariser parts.</summary>
    public static void LossCurves(string path, IReadOnlyList<EpochMetrics> history, string title)
    {
        var plot = new ScottPlot.Plot();
        if (history.Count > 0)
        {
            var epochs = history.Select(h => (double)h.Epoch).ToArray();
            void Line(Func<EpochMetrics, double> value, string label, ScottPlot.Color color)
            {
                var line = plot.Add.Scatter(epochs, history.Select(value).ToArray());
                line.LegendText = label;
                line.Color = color;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }

            var palette = new ScottPlot.Palettes.Category10();
            Line(h => h.TrainLoss, "train loss", palette.GetColor(0));
            Line(h => h.TestLoss, "test loss", palette.GetColor(1));
            Line(h => h.TestReconstruction, "test reconstruction (BCE)", palette.GetColor(2));
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("nats per image");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 800, 500);
    }

    /// <summary>Decodes a regular grid of latent points (first two dimensions; the rest at 0) over [−extent, extent]².</summary>
    public static float[] LatentGridCodes(int latent, int side, float extent)
    {
        var z = new float[side * side * latent];
        for (var row = 0; row < side; row++)
        {
            for (var col = 0; col < side; col++)
            {
                var n = row * side + col;
                z[n * latent] = side == 1 ? 0 : -extent + 2 * extent * col / (side - 1);
                if (latent > 1)
                {
                    z[n * latent + 1] = side == 1 ? 0 : extent - 2 * extent * row / (side - 1);
                }
            }
        }

        return z;
    }
}
