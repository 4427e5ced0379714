import { Canvas } from '@react-three/fiber';
import { useView } from '../state/viewStore';
import { NetworkGraph } from './NetworkGraph';
import { OrbitCamera } from './OrbitCamera';

const BACKGROUND = '#0d1117';

/** The 3D view. preserveDrawingBuffer keeps the last frame readable (stills, pixel checks in tests). */
export function NetworkScene() {
  const timeline = useView((s) => s.timeline);
  const version = useView((s) => s.timelineVersion);
  return (
    <div className="scene" role="img" aria-label={timeline ? `3D network of ${timeline.neuronIds.length} neuron${timeline.neuronIds.length === 1 ? '' : 's'}` : 'No dataset loaded'}>
      <Canvas
        gl={{ preserveDrawingBuffer: true, antialias: true }}
        dpr={[1, 2]}
        camera={{ position: [0, 1.05, 1.75], fov: 45, near: 0.05, far: 50 }}
      >
        <color attach="background" args={[BACKGROUND]} />
        <fog attach="fog" args={[BACKGROUND, 1.6, 4.5]} />
        <ambientLight intensity={0.7} />
        <directionalLight position={[2, 3, 2]} intensity={1.4} />
        {timeline && <NetworkGraph key={version} timeline={timeline} />}
        <OrbitCamera />
      </Canvas>
    </div>
  );
}
