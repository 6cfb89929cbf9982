using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// Reads ElevenLabs' <c>with-timestamps</c> JSON as it streams: the <c>audio_base64</c> string is decoded into
/// the destination chunk by chunk (never held whole), everything else (the alignment, a few hundred KB at most) is
/// kept and parsed at the end with the audio string left empty. Base64 holds no JSON escapes except an optional
/// <c>\/</c>, which is undone.
/// </summary>
internal sealed class TimestampedAudioReader(Stream destination, Mp3DurationCounter duration)
{
    private static readonly byte[] s_key = "\"audio_base64\""u8.ToArray();
    private const int MaxOtherBytes = 32 * 1024 * 1024;

    private readonly MemoryStream _other = new();
    private readonly byte[] _base64 = new byte[64 * 1024];
    private readonly byte[] _decoded = new byte[48 * 1024 + 3];
    private int _base64Length;
    private int _matched;
    private State _state = State.Outside;
    private readonly System.Text.StringBuilder _escape = new();
    private bool _sniffed;

    public long AudioBytes { get; private set; }

    public async Task<ElevenLabsTimestamps> ReadAsync(ResponseBodyReader source, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; )
            {
                if (_state == State.InAudio && _escape.Length == 0)
                {
                    var rest = buffer.AsSpan(i, read - i);
                    var stop = rest.IndexOfAny((byte)'"', (byte)'\\');
                    var take = Math.Min(stop < 0 ? rest.Length : stop, _base64.Length - _base64Length);
                    rest[..take].CopyTo(_base64.AsSpan(_base64Length));
                    _base64Length += take;
                    i += take;
                    if (_base64Length == _base64.Length)
                        await DecodeAsync(final: false, cancellationToken);
                    if (take > 0)
                        continue;
                }
                await AcceptAsync(buffer[i++], cancellationToken);
            }
            if (_other.Length > MaxOtherBytes)
                throw new SpeechUnavailableException("ElevenLabs sent an alignment larger than any text could need.");
        }
        if (_state != State.Done)
            throw new SpeechUnavailableException("ElevenLabs answered 200 without a complete audio_base64 string.");

        try
        {
            return JsonSerializer.Deserialize<ElevenLabsTimestamps>(_other.ToArray())
                ?? throw new SpeechUnavailableException("ElevenLabs answered 200 with a null body.");
        }
        catch (JsonException ex)
        {
            throw new SpeechUnavailableException($"ElevenLabs answered 200 with JSON that does not parse: {ex.Message}", ex);
        }
    }

    private async ValueTask AcceptAsync(byte b, CancellationToken cancellationToken)
    {
        switch (_state)
        {
            case State.Outside or State.Done:
                _other.WriteByte(b);
                if (_state == State.Done)
                    return;
                _matched =
                    b == s_key[_matched] ? _matched + 1
                    : b == '"' ? 1
                    : 0;
                if (_matched == s_key.Length)
                    _state = State.AfterKey;
                return;
            case State.AfterKey:
                _other.WriteByte(b);
                if (b == '"')
                    _state = State.InAudio;
                return;
            default:
                if (_escape.Length > 0)
                {
                    if (Unescaped(b) is not { } plain)
                        return;
                    b = plain;
                }
                else if (b == '\\')
                {
                    _escape.Append('\\');
                    return;
                }
                else if (b == '"')
                {
                    await DecodeAsync(final: true, cancellationToken);
                    _other.WriteByte(b);
                    _state = State.Done;
                    return;
                }
                _base64[_base64Length++] = b;
                if (_base64Length == _base64.Length)
                    await DecodeAsync(final: false, cancellationToken);
                return;
        }
    }

    /// <summary>Collects an escape (<c>\/</c> or <c>\uXXXX</c>); returns the byte it stands for once complete.</summary>
    private byte? Unescaped(byte b)
    {
        _escape.Append((char)b);
        var escape = _escape.ToString();
        if (escape == "\\/")
        {
            _escape.Clear();
            return (byte)'/';
        }
        if (escape.StartsWith("\\u", StringComparison.Ordinal) && escape.Length < 6)
            return null;
        if (
            escape.Length == 6
            && escape.StartsWith("\\u", StringComparison.Ordinal)
            && int.TryParse(escape.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var code)
            && code < 128
        )
        {
            _escape.Clear();
            return (byte)code;
        }
        throw new SpeechUnavailableException("ElevenLabs sent an escape inside audio_base64 that base64 cannot hold.");
    }

    private async ValueTask DecodeAsync(bool final, CancellationToken cancellationToken)
    {
        var status = Base64.DecodeFromUtf8(_base64.AsSpan(0, _base64Length), _decoded, out var consumed, out var written, final);
        if (status is OperationStatus.InvalidData || (final && status != OperationStatus.Done))
            throw new SpeechUnavailableException("ElevenLabs sent audio_base64 that is not valid base64.");
        if (!_sniffed && written > 0)
        {
            if (!AudioSniffer.LooksLikeMp3(_decoded.AsSpan(0, written)))
                throw new SpeechUnavailableException("ElevenLabs answered 200 with audio that is not MP3.");
            _sniffed = true;
        }
        duration.Add(_decoded.AsSpan(0, written));
        await destination.WriteAsync(_decoded.AsMemory(0, written), cancellationToken);
        AudioBytes += written;
        _base64.AsSpan(consumed, _base64Length - consumed).CopyTo(_base64);
        _base64Length -= consumed;
    }

    private enum State
    {
        Outside,
        AfterKey,
        InAudio,
        Done,
    }
}
