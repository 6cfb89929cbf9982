namespace Serverless.RenderEngine.Media.Mp4;

/// <summary>
/// The parts of an H.264 sequence parameter set that describe the picture: size after cropping, chroma format,
/// bit depth and range (ITU-T H.264 §7.3.2.1.1 and Annex E).
/// </summary>
internal sealed record H264Sps(int Width, int Height, int ChromaFormat, int BitDepth, bool FullRange)
{
    /// <summary>The pixel format name ffprobe gives the same stream.</summary>
    public string PixelFormat =>
        (ChromaFormat, BitDepth) switch
        {
            (0, 8) => "gray",
            (1, 8) => FullRange ? "yuvj420p" : "yuv420p",
            (2, 8) => FullRange ? "yuvj422p" : "yuv422p",
            (3, 8) => FullRange ? "yuvj444p" : "yuv444p",
            _ => $"yuv{(ChromaFormat == 1 ? 420 : ChromaFormat == 2 ? 422 : 444)}p{BitDepth}le",
        };

    private static readonly HashSet<int> HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    /// <param name="nal">The SPS NAL unit, header byte included, as stored in an avcC box.</param>
    public static H264Sps? TryParse(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4 || (nal[0] & 0x1F) != 7)
            return null;
        try
        {
            return Parse(new RbspReader(nal[1..]));
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static H264Sps Parse(RbspReader bits)
    {
        var profile = bits.Bits(8);
        bits.Bits(16); // constraint flags, level
        bits.Ue(); // seq_parameter_set_id
        int chromaFormat = 1,
            bitDepth = 8;
        var separateColourPlanes = false;
        if (HighProfiles.Contains(profile))
        {
            chromaFormat = bits.Ue();
            if (chromaFormat == 3)
                separateColourPlanes = bits.Flag();
            bitDepth = 8 + bits.Ue();
            bits.Ue(); // bit_depth_chroma_minus8
            bits.Flag(); // qpprime_y_zero_transform_bypass
            if (bits.Flag())
                SkipScalingLists(bits, chromaFormat == 3 ? 12 : 8);
        }
        bits.Ue(); // log2_max_frame_num_minus4
        var pocType = bits.Ue();
        if (pocType == 0)
            bits.Ue();
        else if (pocType == 1)
        {
            bits.Flag();
            bits.Se();
            bits.Se();
            for (var cycle = bits.Ue(); cycle > 0; cycle--)
                bits.Se();
        }
        bits.Ue(); // max_num_ref_frames
        bits.Flag(); // gaps_in_frame_num_value_allowed
        var widthInMbs = bits.Ue() + 1;
        var heightInMapUnits = bits.Ue() + 1;
        var frameMbsOnly = bits.Flag();
        if (!frameMbsOnly)
            bits.Flag(); // mb_adaptive_frame_field
        bits.Flag(); // direct_8x8_inference
        int cropLeft = 0,
            cropRight = 0,
            cropTop = 0,
            cropBottom = 0;
        if (bits.Flag())
            (cropLeft, cropRight, cropTop, cropBottom) = (bits.Ue(), bits.Ue(), bits.Ue(), bits.Ue());

        var arrayType = separateColourPlanes ? 0 : chromaFormat;
        var cropUnitX =
            arrayType == 0 ? 1
            : chromaFormat == 3 ? 1
            : 2;
        var cropUnitY =
            (
                arrayType == 0 ? 1
                : chromaFormat == 1 ? 2
                : 1
            ) * (frameMbsOnly ? 1 : 2);
        var width = widthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
        var height = heightInMapUnits * 16 * (frameMbsOnly ? 1 : 2) - cropUnitY * (cropTop + cropBottom);
        return new H264Sps(width, height, chromaFormat, bitDepth, FullRange: ReadFullRangeFlag(bits));
    }

    private static bool ReadFullRangeFlag(RbspReader bits)
    {
        if (!bits.Flag()) // vui_parameters_present
            return false;
        if (bits.Flag() && bits.Bits(8) == 255) // aspect_ratio_info_present, aspect_ratio_idc == Extended_SAR
            bits.Bits(32);
        if (bits.Flag()) // overscan_info_present
            bits.Flag();
        if (!bits.Flag()) // video_signal_type_present
            return false;
        bits.Bits(3); // video_format
        return bits.Flag();
    }

    private static void SkipScalingLists(RbspReader bits, int count)
    {
        for (var list = 0; list < count; list++)
        {
            if (!bits.Flag())
                continue;
            int last = 8,
                next = 8;
            for (var j = 0; j < (list < 6 ? 16 : 64) && next != 0; j++)
            {
                next = (last + bits.Se() + 256) % 256;
                last = next == 0 ? last : next;
            }
        }
    }

    /// <summary>Reads bits of a NAL payload, dropping the emulation-prevention bytes (00 00 03).</summary>
    private ref struct RbspReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _byte;
        private int _bit;
        private int _zeros;

        public int Bits(int count)
        {
            var value = 0;
            for (var i = 0; i < count; i++)
                value = (value << 1) | Bit();
            return value;
        }

        public bool Flag() => Bit() == 1;

        /// <summary>Unsigned Exp-Golomb.</summary>
        public int Ue()
        {
            var leadingZeros = 0;
            while (Bit() == 0)
                if (++leadingZeros > 31)
                    throw new EndOfStreamException();
            return (int)((1L << leadingZeros) - 1 + Bits(leadingZeros));
        }

        /// <summary>Signed Exp-Golomb.</summary>
        public int Se()
        {
            var code = Ue();
            return code % 2 == 1 ? (code + 1) / 2 : -(code / 2);
        }

        private int Bit()
        {
            if (_bit == 0)
            {
                if (_byte < _data.Length && _zeros >= 2 && _data[_byte] == 3)
                {
                    _byte++;
                    _zeros = 0;
                }
                if (_byte >= _data.Length)
                    throw new EndOfStreamException();
            }
            var current = _data[_byte];
            var bit = (current >> (7 - _bit)) & 1;
            if (++_bit == 8)
            {
                _bit = 0;
                _byte++;
                _zeros = current == 0 ? _zeros + 1 : 0;
            }
            return bit;
        }
    }
}
