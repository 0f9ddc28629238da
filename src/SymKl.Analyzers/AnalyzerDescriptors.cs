using Microsoft.CodeAnalysis;
using SymKl.Latex;
using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;

namespace SymKl.Analyzers;

/// <summary>The analyzer's diagnostics; ids, titles and help come from the one diagnostic table.</summary>
internal static class AnalyzerDescriptors
{
    public const string Category = "SymKl.Analyzers";

    /// <summary>SKA001: the method computes something other than the derivation's result (message: where and both values).</summary>
    public static readonly DiagnosticDescriptor CodeDiffers = new(
        DiagnosticCodes.AnalyzerCodeDiffers, Title(DiagnosticCodes.AnalyzerCodeDiffers), "{0}", Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, description: Help(DiagnosticCodes.AnalyzerCodeDiffers));

    /// <summary>SKA002: the body cannot be read or the equality cannot be decided (message: what).</summary>
    public static readonly DiagnosticDescriptor CannotRead = new(
        DiagnosticCodes.AnalyzerCannotRead, Title(DiagnosticCodes.AnalyzerCannotRead), "{0}", Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, description: Help(DiagnosticCodes.AnalyzerCannotRead));

    /// <summary>SKA003: the derivation is unknown, unverified, or its parameters do not match the method's.</summary>
    public static readonly DiagnosticDescriptor BadDerivation = new(
        DiagnosticCodes.AnalyzerBadDerivation, Title(DiagnosticCodes.AnalyzerBadDerivation), "{0}", Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, description: Help(DiagnosticCodes.AnalyzerBadDerivation));

    private static string Title(string id) => DiagnosticTable.Find(id)?.Title ?? id;

    private static string Help(string id) => DiagnosticTable.Find(id)?.Help ?? "";
}
